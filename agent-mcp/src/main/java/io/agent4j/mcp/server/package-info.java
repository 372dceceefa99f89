/**
 * Any agent4j tools served over MCP: {@link io.agent4j.mcp.server.McpToolServer} serves a
 * {@link io.agent4j.tool.Toolbox} and agents over stdio or Streamable HTTP
 * ({@link io.agent4j.mcp.server.McpHttpServer}); a tool reaches the MCP call it serves through
 * {@link io.agent4j.mcp.server.McpCall}.
 */
package io.agent4j.mcp.server;
