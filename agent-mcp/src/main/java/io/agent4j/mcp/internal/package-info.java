/**
 * Not API: the mapping between agent4j's tool results and the MCP SDK's content and JSON types,
 * shared by the client and the server. It may change in any release.
 */
package io.agent4j.mcp.internal;
