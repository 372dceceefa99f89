/**
 * The client direction of MCP: an MCP server's tools in an agent. {@link io.agent4j.mcp.client.McpTools}
 * starts a server over stdio or connects to one over Streamable HTTP, and offers its tools to an
 * agent as a {@link io.agent4j.tool.ToolSource}, with blocking calls only.
 */
package io.agent4j.mcp.client;
