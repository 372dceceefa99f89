package io.agent4j.examples.cli;

import io.agent4j.errors.Agent4jException;
import io.agent4j.examples.Example;
import io.agent4j.mcp.server.McpHttpServer;
import io.agent4j.mcp.server.McpToolServer;
import io.agent4j.tool.Toolbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code agent4j mcp}: the Model Context Protocol; {@code mcp serve} serves tools, or an agent, to MCP clients. */
@Command(name = "mcp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The Model Context Protocol: serve tools, or an agent, to MCP clients.",
        subcommands = McpCommand.Serve.class)
public final class McpCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Main main;

    /** Creates the command; picocli calls this. */
    public McpCommand() {
    }

    /** Without a subcommand: says which there are. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: serve");
    }

    /**
     * Leaves out of {@code mcp serve} the options of {@link AgentOptions} that concern an answer printed
     * on the terminal: the client gets the answers, so there is no cost line, truncation exit code or
     * settings printout.
     */
    static final class WithoutAnswerOptions implements CommandLine.IModelTransformer {

        private static final List<String> LEFT_OUT = List.of("--fail-on-truncation", "--show-config", "--prices");

        @Override
        public CommandSpec transform(CommandSpec spec) {
            for (String name : LEFT_OUT) {
                CommandLine.Model.OptionSpec option = spec.findOption(name);
                if (option != null) {
                    spec.remove(option);
                }
            }
            return spec;
        }
    }

    /**
     * {@code agent4j mcp serve}: serves the tools of {@code --packs} and {@code --tools} jars, or the
     * agent of {@code --example} as the tool {@code ask_NAME}, over stdio or Streamable HTTP.
     */
    @Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            modelTransformer = McpCommand.WithoutAnswerOptions.class,
            description = {"Serves tools over the Model Context Protocol: those of --packs and --tools jars (with "
                    + "their --tool-config settings, the files sandbox included), or, with --example, that agent as "
                    + "the one tool ask_NAME, which takes a prompt and answers with the agent's answer.",
                "Over stdio by default, for MCP clients that start the server: stdout then carries the protocol "
                    + "alone, everything else goes to stderr. With --http, over Streamable HTTP at "
                    + "http://HOST:PORT/mcp until Ctrl-C."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:stdio: the client closed the server's input",
                "1:failure: a tool jar or pack, the port is in use",
                "2:usage error, or a malformed ~/.agent4j/config.properties",
                "3:--example without an API key (use --replay to serve offline)",
                "130:stopped by Ctrl-C (SIGINT); SIGTERM ends it as 143"},
            footerHeading = "%nExamples:%n",
            footer = {
                "  agent4j mcp serve --packs math,time",
                "  agent4j mcp serve --packs files --tool-config files.root=./docs --tools my-tools.jar",
                "  agent4j mcp serve --packs math --http 127.0.0.1:3001",
                "  AGENT4J_MCP_TOKEN=$(openssl rand -hex 32) agent4j mcp serve --packs math --http 0.0.0.0:3001 "
                    + "--allow-remote --token-env AGENT4J_MCP_TOKEN",
                "  agent4j mcp serve --example calc --replay agent-examples/sessions/calc.json"})
    public static final class Serve implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @ParentCommand
        private McpCommand parent;

        @Mixin
        private AgentOptions options;

        @Mixin
        private ToolOptions toolOptions;

        @Option(names = "--http", paramLabel = "[HOST:]PORT",
                description = "Serve Streamable HTTP at http://HOST:PORT/mcp instead of stdio; HOST is 127.0.0.1 "
                        + "by default, PORT 0 picks a free one. A HOST that is not loopback needs --allow-remote "
                        + "and a token.")
        private String http;

        @Option(names = "--allow-remote",
                description = "Allow --http on an address other machines can reach (0.0.0.0, a LAN address); "
                        + "needs --token-env or --token-file.")
        private boolean allowRemote;

        @ArgGroup(exclusive = true)
        private Token token;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "agent4j",
                description = "The server's name, which clients show; default ${DEFAULT-VALUE}.")
        private String name;

        /** Where the bearer token comes from: never the command line itself, which other users can see. */
        static final class Token {

            @Option(names = "--token-env", paramLabel = "VARIABLE", required = true,
                    description = "Require every HTTP request to carry the token in this environment variable as "
                            + "'Authorization: Bearer TOKEN' (at least 16 characters).")
            private String variable;

            @Option(names = "--token-file", paramLabel = "FILE", required = true,
                    description = "Require the token on the first line of FILE, as --token-env does.")
            private Path file;
        }

        /** Creates the command; picocli calls this. */
        public Serve() {
        }

        /** Serves until the input ends (stdio) or the process is stopped (HTTP); returns an exit code. */
        @Override
        public Integer call() {
            CommandLine cli = spec.commandLine();
            Main main = parent == null ? null : parent.main;
            try (Screen screen = Main.screen(main, cli)) {
                PrintWriter err = screen.err();
                try {
                    InetSocketAddress address = http == null ? null : address(http);
                    McpToolServer server = server(Main.environment(main), screen, address);
                    if (address == null) {
                        say(err, "serving " + describe(server) + " over MCP on stdio; it ends when the client "
                                + "closes its input");
                        server.serveStdio();
                        return ExitCodes.OK;
                    }
                    return serveHttp(server, address, err);
                } catch (ParameterException e) {
                    throw e;
                } catch (UncheckedIOException e) {
                    return Failures.report(err, new Agent4jException(e.getMessage(), e), options.verbose());
                } catch (RuntimeException | Error e) {
                    return Failures.report(err, e, options.verbose());
                }
            }
        }

        private McpToolServer server(Function<String, String> environment, Screen screen, InetSocketAddress address) {
            if (address == null && (allowRemote || token != null)) {
                throw usage((allowRemote ? "--allow-remote" : token.variable != null ? "--token-env" : "--token-file")
                        + " applies to --http only: over stdio the client that starts the server is the only one "
                        + "that can reach it");
            }
            String secret = token == null ? null : secret(environment);
            if (address != null && !address.getAddress().isLoopbackAddress()) {
                if (!allowRemote) {
                    throw usage("--http " + http + ": " + address.getAddress().getHostAddress() + " is not a loopback "
                            + "address, so other machines could call the tools; serve on 127.0.0.1, or add "
                            + "--allow-remote and a token (--token-env VARIABLE or --token-file FILE)");
                }
                if (secret == null) {
                    throw usage("--allow-remote needs a token that every request must carry: give --token-env "
                            + "VARIABLE or --token-file FILE");
                }
            }
            McpToolServer.Builder server = McpToolServer.builder().name(name).allowRemote(allowRemote)
                    .bearerToken(secret);
            Example chosen = options.example();
            if (chosen != null) {
                io.agent4j.Agent agent = options.builder(chosen, toolOptions, environment, screen)
                        .budget(options.budget()).build();
                server.agent(chosen.name(), chosen.description(),
                        agent.withOptions(options.requestOptions(agent.toolbox())));
            } else {
                Toolbox tools = options.tools(toolOptions);
                if (tools.isEmpty()) {
                    throw usage("nothing to serve: give --packs NAME (see 'agent4j tools'), --tools JAR, or "
                            + "--example NAME to serve an agent");
                }
                server.tools(tools);
            }
            try {
                return server.build();
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }

        /**
         * Tomcat's loggers (java.util.logging), of which the command line shows warnings only: its
         * start-up lines at INFO would bury the one line that says where the server is. Held here
         * so that the levels stay set.
         */
        private static final List<java.util.logging.Logger> TOMCAT_LOGGERS = java.util.stream.Stream.of(
                "org.apache.catalina", "org.apache.coyote", "org.apache.tomcat")
                .map(java.util.logging.Logger::getLogger).toList();

        /** Serves until the JVM is asked to stop (Ctrl-C, SIGTERM), which closes the server. */
        private int serveHttp(McpToolServer server, InetSocketAddress address, PrintWriter err) {
            TOMCAT_LOGGERS.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
            McpHttpServer running = server.startHttp(address);
            Thread stop = new Thread(running::close, "agent4j-mcp-stop");
            Runtime.getRuntime().addShutdownHook(stop);
            say(err, "serving " + describe(server) + " over MCP at " + running.url()
                    + (token == null ? "" : " (bearer token required)") + "; Ctrl-C stops it");
            try {
                running.awaitClose();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.close();
            }
            return ExitCodes.OK;
        }

        private String secret(Function<String, String> environment) {
            if (token.variable != null) {
                String value = environment.apply(token.variable);
                if (value == null || value.isBlank()) {
                    throw usage("--token-env " + token.variable + ": the variable is not set, or empty; set it to "
                            + "the token, e.g. export " + token.variable + "=$(openssl rand -hex 32)");
                }
                return value.strip();
            }
            if (!Files.isRegularFile(token.file)) {
                throw usage("--token-file " + token.file + ": no such file");
            }
            try {
                List<String> lines = Files.readAllLines(token.file, StandardCharsets.UTF_8);
                String first = lines.isEmpty() ? "" : lines.get(0).strip();
                if (first.isEmpty()) {
                    throw usage("--token-file " + token.file + ": the first line is empty; put the token there");
                }
                return first;
            } catch (IOException e) {
                throw usage("--token-file " + token.file + ": cannot be read: " + e.getMessage());
            }
        }

        /** {@code PORT}, {@code HOST:PORT} or {@code [IPv6]:PORT}; 127.0.0.1 when no host is given. */
        private InetSocketAddress address(String value) {
            String host = "127.0.0.1";
            String port = value.strip();
            int colon = port.lastIndexOf(':');
            if (colon >= 0) {
                host = port.substring(0, colon).replaceAll("^\\[(.*)]$", "$1");
                port = port.substring(colon + 1);
            }
            int number;
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 0 || number > 65535 || host.isBlank()) {
                throw usage("--http " + value + ": expected [HOST:]PORT, e.g. 3001 or 127.0.0.1:3001");
            }
            try {
                return new InetSocketAddress(InetAddress.getByName(host), number);
            } catch (UnknownHostException e) {
                throw usage("--http " + value + ": the host " + host + " is not known");
            }
        }

        private static String describe(McpToolServer server) {
            List<String> names = server.toolNames();
            return names.size() + (names.size() == 1 ? " tool" : " tools") + " (" + String.join(", ", names) + ")";
        }

        private void say(PrintWriter err, String message) {
            if (!options.quiet()) {
                err.println("agent4j: " + message);
                err.flush();
            }
        }

        private ParameterException usage(String message) {
            return ToolOptions.usage(spec, message);
        }
    }
}
