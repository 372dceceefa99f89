/**
 * The Model Context Protocol in agent4j, both ways, on the official MCP Java SDK: what the client
 * ({@link io.agent4j.mcp.client.McpTools}) and the server ({@link io.agent4j.mcp.server.McpToolServer}) share. Users see
 * synchronous, blocking APIs only; no Reactor or SDK type appears in a public signature.
 */
package io.agent4j.mcp;
