// An MCP server for the client's tests, on the pinned official TypeScript SDK, with what the
// reference servers cannot be made to do at will:
//   --mode changing: the tool add_tool(name) adds a tool of that name and announces it with
//     notifications/tools/list_changed before it answers; echo(text) answers with its text;
//     measure answers with structuredContent alone, no text.
//   --mode paged: tools/list in pages of two (five tools: page_tool_1 .. page_tool_5, with cursors);
//     the tool broken answers every call with a JSON-RPC error (a protocol error, not isError).
// Over stdio by default; with --http, Streamable HTTP at http://127.0.0.1:PORT/mcp (PORT chosen by
// the system and printed on stderr as "listening on PORT").
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';

const args = process.argv.slice(2);
const mode = args.includes('--mode') ? args[args.indexOf('--mode') + 1] : 'changing';

const text = (value) => ({ content: [{ type: 'text', text: value }] });
const objectOf = (properties, required) => ({ type: 'object', properties, required });

function changingServer() {
  const server = new Server({ name: 'agent4j-test-changing', version: '1.0.0' },
    { capabilities: { tools: { listChanged: true } } });
  const tools = [
    { name: 'echo', description: 'Answers with its text', inputSchema: objectOf({ text: { type: 'string' } }, ['text']) },
    { name: 'add_tool', description: 'Adds a tool of this name',
      inputSchema: objectOf({ name: { type: 'string' } }, ['name']) },
    { name: 'measure', description: 'Measures the temperature', inputSchema: objectOf({}, []) },
  ];
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const { name, arguments: input } = request.params;
    if (name === 'echo') {
      return text(input.text);
    }
    if (name === 'measure') {
      return { content: [], structuredContent: { temperature: 21.5, unit: 'celsius' } };
    }
    if (name === 'add_tool') {
      tools.push({ name: input.name, description: `The added tool ${input.name}`, inputSchema: objectOf({}, []) });
      // related to this request, so that it travels before the answer on HTTP too
      await extra.sendNotification({ method: 'notifications/tools/list_changed' });
      return text(`added ${input.name}`);
    }
    const added = tools.find((tool) => tool.name === name);
    if (added) {
      return text(`${name} ran`);
    }
    throw new McpError(ErrorCode.InvalidParams, `Tool ${name} not found`);
  });
  return server;
}

function pagedServer() {
  const server = new Server({ name: 'agent4j-test-paged', version: '1.0.0' }, { capabilities: { tools: {} } });
  const tools = [1, 2, 3, 4, 5].map((n) => ({ name: `page_tool_${n}`, description: `Tool ${n} of five`,
    inputSchema: objectOf({}, []) }));
  tools.push({ name: 'broken', description: 'Fails every call with a protocol error', inputSchema: objectOf({}, []) });
  server.setRequestHandler(ListToolsRequestSchema, async (request) => {
    const start = Number(request.params?.cursor ?? 0);
    const next = start + 2 < tools.length ? String(start + 2) : undefined;
    return { tools: tools.slice(start, start + 2), nextCursor: next };
  });
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    if (request.params.name === 'broken') {
      throw new McpError(ErrorCode.InternalError, 'broken on purpose');
    }
    return text(`${request.params.name} ran`);
  });
  return server;
}

const makeServer = mode === 'paged' ? pagedServer : changingServer;

if (args.includes('--http')) {
  const sessions = {};
  const listener = http.createServer(async (req, res) => {
    if (!req.url.startsWith('/mcp')) {
      res.writeHead(404).end();
      return;
    }
    const id = req.headers['mcp-session-id'];
    let transport = id ? sessions[id] : undefined;
    if (!transport) {
      if (req.method !== 'POST' || id) {
        res.writeHead(id ? 404 : 400).end();
        return;
      }
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sessionId) => { sessions[sessionId] = transport; },
      });
      await makeServer().connect(transport);
    }
    await transport.handleRequest(req, res);
  });
  listener.listen(0, '127.0.0.1', () => console.error(`listening on ${listener.address().port}`));
} else {
  await makeServer().connect(new StdioServerTransport());
  console.error(`agent4j test server (${mode}) on stdio`);
}
