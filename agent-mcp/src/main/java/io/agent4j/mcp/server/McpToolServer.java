package io.agent4j.mcp.server;

import io.agent4j.Agent;
import io.agent4j.Agent4j;
import io.agent4j.mcp.internal.McpJson;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.Toolbox;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Serves tools over the Model Context Protocol, so that MCP clients (desktop assistants, IDEs,
 * other agents) can call them: the tools of a {@link Toolbox} (ready packs, tool jars, scanned
 * packages), and agents, each as one tool {@code ask_<name>}.
 *
 * <pre>{@code
 * McpToolServer server = McpToolServer.of(Toolbox.of(new Calculator()));
 * server.serveStdio();                                   // until the client closes stdin
 *
 * try (McpHttpServer http = server.startHttp(new InetSocketAddress("127.0.0.1", 3001))) {
 *     System.err.println("MCP at " + http.url());         // http://127.0.0.1:3001/mcp
 *     http.awaitClose();
 * }
 * }</pre>
 *
 * A call runs as the model's call would in an agent: its arguments checked against the tool's
 * schema and bound, the tool run within its timeout; the result is the text the model would read
 * (plus {@code structuredContent} when it is a JSON object), and a failure is an {@code isError}
 * result with the message the model would get. An unknown tool name is a protocol error, as the
 * MCP specification says. Immutable and thread-safe; each {@code serve} or {@code startHttp} runs
 * a server of its own.
 */
public final class McpToolServer {

    /** How long a tool without a timeout of its own may run; as long as in an agent by default. */
    public static final Duration DEFAULT_TOOL_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final String version;
    private final String instructions;
    private final Toolbox toolbox;
    private final Map<String, ServedAgent> agents;
    private final Duration toolTimeout;
    private final boolean allowRemote;
    private final String bearerToken;
    private final List<String> allowedOrigins;

    private record ServedAgent(String description, Agent agent) {
    }

    private McpToolServer(Builder builder) {
        this.name = builder.name;
        this.version = builder.version;
        this.instructions = builder.instructions;
        this.toolbox = builder.toolbox;
        this.agents = Map.copyOf(builder.agents);
        this.toolTimeout = limit(builder.toolTimeout);
        this.allowRemote = builder.allowRemote;
        this.bearerToken = builder.bearerToken;
        this.allowedOrigins = List.copyOf(builder.allowedOrigins);
    }

    /** A server of the tools of {@code toolbox}, with the default settings. */
    public static McpToolServer of(Toolbox toolbox) {
        return builder().tools(toolbox).build();
    }

    /** A builder of a server: its tools and agents, its name, and the settings of its HTTP endpoint. */
    public static Builder builder() {
        return new Builder();
    }

    /** The names of the tools served, in the order {@code tools/list} gives them. */
    public List<String> toolNames() {
        List<String> names = new ArrayList<>(toolbox.names());
        agents.keySet().stream().sorted().map(AgentTool::toolName).forEach(names::add);
        return List.copyOf(names);
    }

    /**
     * Serves over standard input and output, the stdio transport, until standard input ends (the
     * client closed it) and the requests read have been answered. Meanwhile {@code System.out} is the protocol's alone: whatever else writes
     * to it (a tool's {@code println}) goes to standard error instead.
     */
    public void serveStdio() {
        PrintStream protocol = System.out;
        System.setOut(System.err);
        try {
            serve(System.in, protocol);
        } finally {
            System.setOut(protocol);
        }
    }

    /**
     * Serves MCP's stdio transport (one JSON-RPC message a line) over these streams until
     * {@code in} ends and the requests read have been answered (or the thread is interrupted); then
     * stops the calls still running. A line that is not JSON is answered with a parse error.
     */
    public void serve(InputStream in, OutputStream out) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        try (ServedTools tools = servedTools()) {
            StdioStreams streams = new StdioStreams(in, out, tools.longestTimeout().plusSeconds(5));
            McpSyncServer server = configure(McpServer.sync(new StdioServerTransportProvider(McpJson.sdkMapper(),
                    streams.input(), streams.output())), tools);
            try {
                streams.awaitEnd();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                server.close();
            }
        }
    }

    /**
     * Starts serving the Streamable HTTP transport at {@code http://ADDRESS/mcp} and returns the
     * running server; {@link McpHttpServer#close()} stops it. Port 0 picks a free port.
     *
     * <p>Requests from web pages of other origins are refused ({@code Origin}), and on a loopback
     * address so are requests whose {@code Host} is not this machine (DNS rebinding). An address that is not loopback is refused unless the builder allows it with
     * {@link Builder#allowRemote(boolean)} and sets a {@link Builder#bearerToken(String)}, which
     * every request must then carry.
     *
     * @throws IllegalArgumentException when the address is not loopback and that is not allowed
     * @throws IllegalStateException when the servlet container (Tomcat) is not on the class path
     * @throws UncheckedIOException when the address cannot be bound (a port in use, say)
     */
    public McpHttpServer startHttp(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        requireTomcat();
        return McpHttpServer.start(this, address);
    }

    /**
     * Fails with what to add when Tomcat is missing, before {@link McpHttpServer} is loaded: the
     * servlet types it uses come with Tomcat.
     */
    private static void requireTomcat() {
        try {
            Class.forName("org.apache.catalina.startup.Tomcat", false, McpToolServer.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Serving MCP over HTTP needs an embedded Tomcat on the class path: add "
                    + "the dependency org.apache.tomcat.embed:tomcat-embed-core (11.0.x); stdio needs nothing more.");
        }
    }

    /** A timeout as the SDK and the tool threads take it: zero, no limit, is a year. */
    private static Duration limit(Duration timeout) {
        return timeout.isZero() ? Duration.ofDays(365) : timeout;
    }

    /** The tools of one running server. */
    ServedTools servedTools() {
        List<ServedTools.Served> served = new ArrayList<>();
        for (ToolDefinition definition : toolbox.definitions()) {
            String tool = definition.name();
            served.add(new ServedTools.Served(definition, (arguments, context, call) ->
                    toolbox.call(tool, arguments, context), toolbox.timeout(tool).map(McpToolServer::limit).orElse(toolTimeout),
                    toolbox.inline(tool)));
        }
        agents.keySet().stream().sorted().forEach(agentName -> {
            ServedAgent agent = agents.get(agentName);
            served.add(new ServedTools.Served(AgentTool.definition(agentName, agent.description()),
                    AgentTool.of(agentName, agent.agent()), toolTimeout, false));
        });
        return new ServedTools(served);
    }

    /** An SDK server of these tools on the transport {@code spec} was made for. */
    <S extends McpServer.SyncSpecification<S>> McpSyncServer configure(McpServer.SyncSpecification<S> spec,
            ServedTools tools) {
        spec.serverInfo(name, version)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).logging().build())
                // Our own validation runs in Toolbox.call, so that the client gets the model's messages.
                .validateToolInputs(false)
                .requestTimeout(toolTimeout)
                .tools(tools.specifications());
        if (instructions != null) {
            spec.instructions(instructions);
        }
        return spec.build();
    }

    boolean allowRemote() {
        return allowRemote;
    }

    String bearerToken() {
        return bearerToken;
    }

    List<String> allowedOrigins() {
        return allowedOrigins;
    }

    @Override
    public String toString() {
        return "McpToolServer[" + name + " " + version + ", tools " + toolNames()
                + (bearerToken == null ? "" : ", bearer token set") + (allowRemote ? ", remote allowed" : "") + "]";
    }

    /** Builds an {@link McpToolServer}; {@link #build()} checks the settings and says which is wrong. */
    public static final class Builder {

        private static final int MIN_TOKEN_LENGTH = 16;

        private String name = "agent4j";
        private String version = Agent4j.VERSION;
        private String instructions;
        private Toolbox toolbox = Toolbox.empty();
        private final Map<String, ServedAgent> agents = new LinkedHashMap<>();
        private Duration toolTimeout = DEFAULT_TOOL_TIMEOUT;
        private boolean allowRemote;
        private String bearerToken;
        private final List<String> allowedOrigins = new ArrayList<>();
        private final List<String> twice = new ArrayList<>();

        private Builder() {
        }

        /** Serves the tools of {@code tools}, beside those given before; names must stay unique. */
        public Builder tools(Toolbox tools) {
            this.toolbox = this.toolbox.with(Objects.requireNonNull(tools, "tools"));
            return this;
        }

        /**
         * Serves {@code agent} as the tool {@code ask_<name>}, which takes {@code {"prompt": "..."}}
         * and answers with the agent's answer to it, each call a fresh run.
         */
        public Builder agent(String name, Agent agent) {
            return agent(name, null, agent);
        }

        /** Serves {@code agent} as {@link #agent(String, Agent)} does, telling clients what it is for. */
        public Builder agent(String name, String description, Agent agent) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(agent, "agent");
            if (agents.putIfAbsent(name, new ServedAgent(description, agent)) != null) {
                twice.add(name);
            }
            return this;
        }

        /** The server's name, which clients show; {@code agent4j} by default. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The server's version, which clients show; agent4j's version by default. */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** What the server is for and how to use its tools, for the client's model; none by default. */
        public Builder instructions(String instructions) {
            this.instructions = instructions;
            return this;
        }

        /**
         * How long a call of a tool without a {@code timeoutMillis} of its own, or of an agent, may
         * run before it is abandoned and answered with an error; 60 s by default, {@link Duration#ZERO}
         * for no limit. It also bounds a tool's sampling and elicitation requests to the client.
         */
        public Builder toolTimeout(Duration toolTimeout) {
            this.toolTimeout = Objects.requireNonNull(toolTimeout, "toolTimeout");
            return this;
        }

        /**
         * Whether {@link McpToolServer#startHttp} may listen on an address that is not loopback,
         * reachable from other machines; false by default. It also needs a {@link #bearerToken}.
         */
        public Builder allowRemote(boolean allowRemote) {
            this.allowRemote = allowRemote;
            return this;
        }

        /**
         * The secret every HTTP request must carry as {@code Authorization: Bearer <token>}, at
         * least 16 characters (e.g. {@code openssl rand -hex 32}); none by default, which only a
         * loopback address allows.
         */
        public Builder bearerToken(String bearerToken) {
            this.bearerToken = bearerToken;
            return this;
        }

        /**
         * Web origins whose pages may call the HTTP server, such as {@code https://app.example.com}
         * ({@code http://host:*} allows any port). Pages of this machine ({@code localhost},
         * {@code 127.0.0.1}, {@code [::1]}) may on a loopback address; requests without an
         * {@code Origin} (clients that are not browsers) are not affected.
         */
        public Builder allowedOrigins(String... origins) {
            allowedOrigins.addAll(Arrays.asList(origins));
            return this;
        }

        /**
         * Builds the server.
         *
         * @throws IllegalArgumentException naming the setting that is wrong: no tools at all, a tool
         *     name used twice, a negative timeout, a bearer token too short or with spaces
         */
        public McpToolServer build() {
            requireText(name, "name");
            requireText(version, "version");
            for (String agent : agents.keySet()) {
                if (!AgentTool.NAME.matcher(agent).matches()) {
                    throw new IllegalArgumentException("Agent name '" + agent + "' must match ^[a-zA-Z0-9_-]{1,60}$, "
                            + "as the tool ask_" + agent + " must be a valid tool name.");
                }
            }
            if (!twice.isEmpty()) {
                throw new IllegalArgumentException("An agent named '" + twice.get(0) + "' is served already; give "
                        + "each agent its own name.");
            }
            if (toolbox.isEmpty() && agents.isEmpty()) {
                throw new IllegalArgumentException("The MCP server has no tools to serve: give it tools with "
                        + "tools(Toolbox) or an agent with agent(name, agent).");
            }
            for (String agent : agents.keySet()) {
                if (toolbox.names().contains(AgentTool.toolName(agent))) {
                    throw new IllegalArgumentException("The tool name '" + AgentTool.toolName(agent) + "' is used "
                            + "twice: by a tool and by the agent '" + agent + "'. Give the agent another name.");
                }
            }
            if (toolTimeout.isNegative()) {
                throw new IllegalArgumentException("toolTimeout must be 0 (no limit) or positive, was " + toolTimeout);
            }
            if (bearerToken != null && (bearerToken.length() < MIN_TOKEN_LENGTH
                    || bearerToken.chars().anyMatch(Character::isWhitespace))) {
                throw new IllegalArgumentException("The bearer token must be at least " + MIN_TOKEN_LENGTH
                        + " characters without spaces (e.g. the output of 'openssl rand -hex 32'); it has "
                        + bearerToken.length() + ".");
            }
            for (String origin : allowedOrigins) {
                if (origin == null || !origin.matches("^https?://[^/\\s]+$")) {
                    throw new IllegalArgumentException("Allowed origin '" + origin + "' must be a scheme and a host, "
                            + "such as https://app.example.com or http://localhost:*, with no path.");
                }
            }
            return new McpToolServer(this);
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("The server's " + what + " must not be blank.");
            }
            return value;
        }
    }
}
