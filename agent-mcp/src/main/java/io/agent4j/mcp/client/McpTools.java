package io.agent4j.mcp.client;

import io.agent4j.mcp.McpException;
import io.agent4j.tool.ToolSource;
import io.agent4j.tool.Toolbox;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tools of an MCP server, for an agent: give it to {@code Agent.Builder.tools} beside
 * {@link io.agent4j.tool.Tool} objects, and the model sees the server's tools (names, descriptions
 * and input schemas from {@code tools/list}) and calls them like any other tool.
 *
 * <pre>{@code
 * try (Agent agent = Agent.builder()
 *         .model(OpenAiChatModel.fromEnv())
 *         .tools(McpTools.stdio("npx", "-y", "@modelcontextprotocol/server-filesystem", "/data/notes"))
 *         .build()) {
 *     agent.run("Which notes mention the budget?");
 * }
 * }</pre>
 *
 * <ul>
 * <li>The server is started (or connected to) on first use, when an agent first asks for its
 *     tools, not when this object is made; {@link #close()} (or closing the agent) stops it.
 * <li>Each call is checked against the server's input schema before it is sent, and is held to the
 *     agent's timeout, result cap, repeat refusal and listeners, as any tool is. The server's text
 *     is the tool message; {@code structuredContent} is added as JSON; images follow as image
 *     parts; audio and resources are a short note. An {@code isError} result, a protocol error, a
 *     timeout and a server that ended during the call are each a failed call the model reads.
 * <li>A server that ended (or an HTTP connection that broke) is started again by the next call, at
 *     most {@link Builder#maxRestarts maxRestarts} times a minute.
 * <li>When the server says its tools changed ({@code notifications/tools/list_changed}), the list is
 *     read again before the agent's next model call.
 * <li>A tool whose name another tool of the agent has is offered as {@code <name>_<tool>}
 *     ({@code filesystem_read_file}), never shadowing it; names MCP allows and the model does not
 *     (such as dots) have those characters replaced by {@code _}.
 * </ul>
 *
 * A stdio server is a program that runs as you, with your rights on your files; it inherits this
 * process's environment except {@code OPENAI_API_KEY}. Thread-safe.
 */
public final class McpTools implements ToolSource {

    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    private final Endpoint endpoint;
    private final String givenName;
    private final Duration initializationTimeout;
    private final Duration callTimeout;
    private final int maxRestarts;
    private final Set<String> only;
    /** The server's tools (by its names) whose calls need approval, with why; "" for every tool. */
    private final Map<String, String> approvals;
    private final Connection connection;

    private McpTools(Builder builder, Endpoint endpoint) {
        this.endpoint = endpoint;
        this.givenName = builder.name;
        this.initializationTimeout = limit(builder.initializationTimeout);
        this.callTimeout = limit(builder.callTimeout);
        this.maxRestarts = builder.maxRestarts;
        this.only = builder.only == null ? null : Set.copyOf(builder.only);
        this.approvals = Map.copyOf(builder.approvals);
        this.connection = new Connection(this);
    }

    /**
     * The tools of the program {@code command} started with {@code args}, over stdio, e.g.
     * {@code McpTools.stdio("npx", "-y", "@modelcontextprotocol/server-filesystem", "/data/notes")}.
     * Nothing is started until the tools are first asked for.
     */
    public static McpTools stdio(String command, String... args) {
        return builder().stdio(command, args).build();
    }

    /**
     * The tools of the server at {@code url} (its MCP endpoint, such as
     * {@code http://127.0.0.1:3001/mcp}), over Streamable HTTP, or over HTTP with SSE when the
     * server takes nothing else. Nothing is connected until the tools are first asked for.
     */
    public static McpTools http(URI url) {
        return builder().http(url).build();
    }

    /** A builder, for the environment, folder, headers, name and timeouts of a server. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The name that prefixes a tool whose name is taken: the builder's {@link Builder#name}, else
     * made from the name the server gives itself ({@code secure-filesystem-server} gives
     * {@code secure_filesystem}, {@code mcp-servers/everything} gives {@code everything}), which
     * starts the server.
     *
     * @throws McpException when the server cannot be started
     */
    public String name() {
        return givenName != null ? givenName : connection.serverName();
    }

    /**
     * The server's tools of now, none of them renamed; the same {@link Toolbox} instance until the
     * server's list changes. Starts the server on first use.
     *
     * @throws McpException when the server cannot be started or does not list its tools
     */
    public Toolbox tools() {
        return tools(Set.of());
    }

    /**
     * The server's tools of now, a tool whose name is in {@code taken} renamed
     * {@code <name>_<tool>}; the same {@link Toolbox} instance while the list and {@code taken}
     * stay the same. Starts the server on first use.
     *
     * @throws McpException when the server cannot be started or does not list its tools
     */
    @Override
    public Toolbox tools(Set<String> taken) {
        return connection.toolbox(Objects.requireNonNull(taken, "taken"));
    }

    /**
     * Stops the server (its input closed, then SIGTERM, then SIGKILL) or ends the HTTP session;
     * later calls of its tools fail, saying so. Closing twice does nothing.
     */
    @Override
    public void close() {
        connection.close();
    }

    /** The server's command line or URL. */
    @Override
    public String toString() {
        return "McpTools[" + endpoint.describe() + "]";
    }

    Endpoint endpoint() {
        return endpoint;
    }

    String givenName() {
        return givenName;
    }

    /** A timeout as the SDK takes it: zero, no limit, is a year. */
    private static Duration limit(Duration timeout) {
        return timeout.isZero() ? Duration.ofDays(365) : timeout;
    }

    Duration initializationTimeout() {
        return initializationTimeout;
    }

    Duration callTimeout() {
        return callTimeout;
    }

    int maxRestarts() {
        return maxRestarts;
    }

    /** The names of the only tools offered, as the server names them, or null for all. */
    Set<String> only() {
        return only;
    }

    /** Why a call of the server's tool {@code tool} needs approval; null when it needs none. */
    String approval(String tool) {
        return approvals.getOrDefault(tool, approvals.get(""));
    }

    /**
     * Configures {@link McpTools}: which server (a program over stdio, or a URL), and how it is run.
     * {@link #build()} checks the settings. Not thread-safe.
     */
    public static final class Builder {

        private List<String> command;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path directory;
        private URI url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String name;
        private Duration initializationTimeout = Duration.ofSeconds(60);
        private Duration callTimeout = Duration.ofSeconds(60);
        private int maxRestarts = 3;
        private List<String> only;
        private final Map<String, String> approvals = new LinkedHashMap<>();
        private boolean approvalWithoutReason;

        private Builder() {
        }

        /** The server is the program {@code command}, started with {@code args} and spoken to over stdio. */
        public Builder stdio(String command, String... args) {
            List<String> line = new ArrayList<>();
            line.add(command);
            line.addAll(List.of(args));
            return stdio(line);
        }

        /** The server is the program of this command line (the program, then its arguments), over stdio. */
        public Builder stdio(List<String> commandLine) {
            this.command = new ArrayList<>(commandLine);
            return this;
        }

        /** A variable of the stdio server's environment, on top of those it inherits. */
        public Builder environment(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The stdio server's working directory; this process's by default. */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The server is at this URL, its MCP endpoint, over Streamable HTTP (or HTTP with SSE). */
        public Builder http(URI url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /** A header sent with every request to an HTTP server, such as {@code Authorization: Bearer ...}. */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The name that prefixes a tool whose name another tool of the agent has, and names the server
         * in messages and log lines; by default made from the name the server gives itself.
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Offers only the server's tools of these names (as the server names them), such as its
         * read-only ones; the others are never shown to the model. All of them by default.
         */
        public Builder only(String... toolNames) {
            this.only = List.of(toolNames);
            return this;
        }

        /**
         * The calls of these tools (as the server names them), or of every tool of the server when
         * none is named, need a person's approval before they run, for {@code reason}; see the agent's
         * approval of tool calls. A tool the server marks {@code idempotentHint} is taken as
         * idempotent: a call in flight when the agent's process died is run again on resume.
         */
        public Builder approval(String reason, String... toolNames) {
            if (reason == null || reason.isBlank()) {
                approvalWithoutReason = true;
                return this;
            }
            if (toolNames.length == 0) {
                approvals.put("", reason);
            }
            for (String tool : toolNames) {
                approvals.put(Objects.requireNonNull(tool, "toolNames"), reason);
            }
            return this;
        }

        /**
         * How long the server may take to start and complete MCP's initialization; 60 s by default,
         * {@link Duration#ZERO} for no limit.
         */
        public Builder initializationTimeout(Duration timeout) {
            this.initializationTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * How long the server may take to answer one request ({@code tools/list}, {@code tools/call});
         * 60 s by default, {@link Duration#ZERO} for no limit. The agent's {@code toolTimeout} applies to
         * calls too: the shorter wins.
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * How often within a minute a server that ended is started again (or an HTTP connection made
         * again) by the next call; 3 by default, 0 never. Past it, calls fail saying so until the
         * minute has passed.
         */
        public Builder maxRestarts(int maxRestarts) {
            this.maxRestarts = maxRestarts;
            return this;
        }

        /**
         * Creates the tools; the server is started on first use.
         *
         * @throws IllegalArgumentException naming the setting that is missing or wrong
         */
        public McpTools build() {
            if (approvalWithoutReason) {
                throw new IllegalArgumentException("approval(...) needs a reason a person is shown, such as "
                        + "\"writes files\"");
            }
            if ((command == null) == (url == null)) {
                throw new IllegalArgumentException(command == null
                        ? "McpTools.builder() needs a server: call .stdio(\"npx\", \"-y\", \"PACKAGE\") for a program, "
                                + "or .http(URI.create(\"http://127.0.0.1:3001/mcp\")) for an address."
                        : "McpTools.builder() was given both a program (.stdio) and an address (.http): give one.");
            }
            if (name != null && (!NAME.matcher(name).matches() || name.length() > 32)) {
                throw new IllegalArgumentException("McpTools name '" + name + "' must be 1 to 32 letters, digits, _ or -, "
                        + "since it prefixes tool names, e.g. \"files\".");
            }
            if (initializationTimeout.isNegative() || callTimeout.isNegative()) {
                throw new IllegalArgumentException("McpTools timeouts must be 0 (no limit) or positive, were "
                        + "initializationTimeout="
                        + initializationTimeout + ", callTimeout=" + callTimeout + ".");
            }
            if (only != null && only.isEmpty()) {
                throw new IllegalArgumentException("only(...) needs at least one tool name; leave it out to offer every "
                        + "tool of the server.");
            }
            if (maxRestarts < 0) {
                throw new IllegalArgumentException("maxRestarts must be 0 or more, was " + maxRestarts + ".");
            }
            return new McpTools(this, command != null ? stdioEndpoint() : httpEndpoint());
        }

        private Endpoint stdioEndpoint() {
            if (command.isEmpty() || command.stream().anyMatch(Objects::isNull) || command.get(0).isBlank()) {
                throw new IllegalArgumentException("The stdio command of McpTools must name a program, then its arguments, "
                        + "none of them null, e.g. stdio(\"npx\", \"-y\", \"@modelcontextprotocol/server-everything\"); "
                        + "was " + command + ".");
            }
            if (!headers.isEmpty()) {
                throw new IllegalArgumentException("header(...) applies to a server at an address (.http); a stdio server "
                        + "takes environment(...) instead.");
            }
            if (directory != null && !Files.isDirectory(directory)) {
                throw new IllegalArgumentException("The working directory " + directory + " of the MCP server is not a "
                        + "folder.");
            }
            return new Endpoint.Stdio(command, environment, directory);
        }

        private Endpoint httpEndpoint() {
            if (!environment.isEmpty() || directory != null) {
                throw new IllegalArgumentException("environment(...) and directory(...) apply to a program (.stdio); a "
                        + "server at an address takes header(...) instead.");
            }
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new IllegalArgumentException("The MCP server URL " + url + " must be http:// or https:// with a "
                        + "host, e.g. http://127.0.0.1:3001/mcp.");
            }
            if (url.getUserInfo() != null) {
                throw new IllegalArgumentException("The MCP server URL must not carry a user or password (they would show "
                        + "in messages); send credentials with header(\"Authorization\", ...).");
            }
            return new Endpoint.Http(url, headers);
        }
    }
}
