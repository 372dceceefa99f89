package io.agent4j.mcp.client;

import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.mcp.McpException;
import io.agent4j.mcp.internal.McpJson;
import io.agent4j.tool.ToolResult;
import io.agent4j.tool.ToolSpec;
import io.agent4j.tool.Toolbox;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The life of one {@link McpTools}: the server started on first use, its tools listed (again when
 * it says they changed), offered as {@link ToolSpec}s under names no other tool of the agent has,
 * each call sent to the running session, and a session that ended replaced by the next call, a
 * bounded number of times a minute. Thread-safe: starting, restarting and listing happen under one
 * lock; calls run side by side on the session they found.
 */
final class Connection {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final Set<String> GENERIC_WORDS = Set.of("mcp", "server", "servers");
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    /** The tools the server listed, and the specs made of them, by the name they are offered under. */
    private record Listing(long generation, String serverName, List<McpSchema.Tool> tools,
            Map<String, Optional<ToolSpec>> specs) {
    }

    /** The toolbox made of a listing for the names taken by the agent's other tools. */
    private record Offered(Listing listing, Set<String> taken, Toolbox toolbox) {
    }

    private final McpTools settings;
    private final Object lock = new Object();
    private final Deque<Long> restarts = new ArrayDeque<>();
    private Session session;
    private Listing listing;
    private long seenChanges;
    private boolean closed;
    private volatile Offered offered;

    Connection(McpTools settings) {
        this.settings = settings;
    }

    /** The tools of now, starting the server on first use and listing them again when they changed. */
    private Listing listing() {
        synchronized (lock) {
            checkOpen();
            if (session == null) {
                session = Session.open(settings.endpoint(), settings.givenName(), settings.initializationTimeout());
                relist();
            } else if (session.alive() && session.listChanges() != seenChanges) {
                try {
                    relist();
                } catch (McpException e) {
                    log.warn("The MCP server {} said its tools changed, but listing them again failed; its tools of "
                            + "before are offered: {}", label(), e.getMessage());
                }
            }
            return listing;
        }
    }

    /** The server's name, made from the one it gives itself unless the builder named it. */
    String serverName() {
        return listing().serverName();
    }

    private void relist() {
        long changes = session.listChanges();
        List<McpSchema.Tool> tools;
        try {
            tools = session.listTools(settings.callTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpException("Interrupted while listing the tools of the MCP server " + label() + ".", e);
        }
        seenChanges = changes;
        Set<String> only = settings.only();
        if (only != null) {
            Set<String> listed = new HashSet<>();
            tools.forEach(tool -> listed.add(tool.name()));
            List<String> missing = only.stream().filter(name -> !listed.contains(name)).sorted().toList();
            if (!missing.isEmpty() && (listing == null || !listing.tools().equals(offerable(tools, only)))) {
                log.warn("The MCP server {} lists no tool named {}, which only(...) asks for; it lists {}", label(),
                        missing, listed.stream().sorted().toList());
            }
            tools = offerable(tools, only);
        }
        if (listing != null && listing.tools().equals(tools)) {
            return;
        }
        String name = settings.givenName() != null ? settings.givenName() : derivedName(session.serverInfo().name());
        listing = new Listing(listing == null ? 1 : listing.generation() + 1, name, List.copyOf(tools),
                new ConcurrentHashMap<>());
        log.debug("The MCP server {} ({}) lists {} tools: {}", name, session.transport(), tools.size(),
                tools.stream().map(McpSchema.Tool::name).toList());
    }

    private static List<McpSchema.Tool> offerable(List<McpSchema.Tool> tools, Set<String> only) {
        return tools.stream().filter(tool -> only.contains(tool.name())).toList();
    }

    /** The tools of now as a toolbox, none of them named as one in {@code taken}. */
    Toolbox toolbox(Set<String> taken) {
        Listing now = listing();
        Offered last = offered;
        if (last != null && last.listing() == now && last.taken().equals(taken)) {
            return last.toolbox();
        }
        Toolbox made = toolbox(now, taken);
        offered = new Offered(now, Set.copyOf(taken), made);
        return made;
    }

    private Toolbox toolbox(Listing now, Set<String> taken) {
        Set<String> used = new HashSet<>(taken);
        List<ToolSpec> specs = new ArrayList<>();
        for (McpSchema.Tool tool : now.tools()) {
            String name = freeName(now.serverName(), tool.name(), used);
            used.add(name);
            now.specs().computeIfAbsent(name + '\u0000' + tool.name(), key -> spec(now, name, tool))
                    .ifPresent(specs::add);
        }
        return Toolbox.of(specs.toArray());
    }

    /** The tool's name as the model may see it, or prefixed by the server's name when that is taken. */
    static String freeName(String serverName, String tool, Set<String> used) {
        String plain = truncated(tool == null || tool.isEmpty() ? "tool" : tool.replaceAll("[^a-zA-Z0-9_-]", "_"));
        if (!used.contains(plain)) {
            return plain;
        }
        String prefixed = truncated(serverName + "_" + plain);
        String name = prefixed;
        for (int n = 2; used.contains(name); n++) {
            String suffix = "_" + n;
            name = prefixed.substring(0, Math.min(prefixed.length(), 64 - suffix.length())) + suffix;
        }
        return name;
    }

    private static String truncated(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64);
    }

    /** A short name for prefixes, from a server's own: {@code secure-filesystem-server} gives {@code secure_filesystem}. */
    static String derivedName(String serverName) {
        String last = serverName == null ? "" : serverName.substring(serverName.lastIndexOf('/') + 1);
        String name = String.join("_", Arrays.stream(last.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                .filter(word -> !word.isEmpty() && !GENERIC_WORDS.contains(word)).toList());
        if (name.isEmpty()) {
            return "mcp";
        }
        return name.length() <= 32 ? name : name.substring(0, 32);
    }

    private Optional<ToolSpec> spec(Listing now, String name, McpSchema.Tool tool) {
        String description = firstText(tool.description(), tool.title(), "The tool " + tool.name()
                + " of the MCP server " + now.serverName() + ".");
        try {
            ToolSpec spec = ToolSpec.of(name, description, schema(tool.inputSchema()),
                    (arguments, context) -> call(tool.name(), name, arguments));
            String approval = settings.approval(tool.name());
            if (approval != null) {
                spec = spec.withApproval(approval);
            }
            if (tool.annotations() != null && Boolean.TRUE.equals(tool.annotations().idempotentHint())) {
                spec = spec.idempotent();
            }
            return Optional.of(spec);
        } catch (ToolRegistrationException e) {
            log.warn("The tool {} of the MCP server {} is not offered to the model: {}", tool.name(),
                    now.serverName(), e.getMessage());
            return Optional.empty();
        }
    }

    private static String firstText(String... texts) {
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return texts[texts.length - 1];
    }

    private static JsonNode schema(Map<String, Object> inputSchema) {
        ObjectNode schema = McpJson.toTree(inputSchema);
        if (!schema.has("type")) {
            // MCP requires "type": "object"; a server that leaves it out means it
            schema.put("type", "object");
        }
        return schema;
    }

    /**
     * Runs one call on the running session, starting the server again first if it ended.
     *
     * @throws McpException what the model reads as the call's failure
     */
    private ToolResult call(String tool, String offeredAs, JsonNode arguments) throws InterruptedException {
        Session current;
        synchronized (lock) {
            checkOpen();
            if (session == null || !session.alive()) {
                restart();
            }
            current = session;
        }
        return McpResults.toToolResult(offeredAs, current.call(tool, McpJson.toMap(arguments), settings.callTimeout()));
    }

    private void restart() {
        String why = session == null ? "was not running" : session.endReason();
        long now = System.nanoTime();
        while (!restarts.isEmpty() && now - restarts.peekFirst() >= MINUTE) {
            restarts.removeFirst();
        }
        if (restarts.size() >= settings.maxRestarts()) {
            long seconds = restarts.isEmpty() ? 60
                    : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(restarts.peekFirst() + MINUTE - now));
            throw new McpException("The MCP server " + label() + " " + why + (session == null ? "" : session.lastLines())
                    + ", and it was started again " + restarts.size() + " time(s) in the last minute, as often as "
                    + "maxRestarts allows: it is not started again before "
                    + LocalTime.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS) + " (in " + seconds
                    + " s). Check the server; its stderr is logged under " + ServerLog.LOGGER + ".");
        }
        restarts.addLast(now);
        log.warn("The MCP server {} {}{}; starting it again ({} of at most {} a minute)", label(), why,
                session == null ? "" : session.lastLines(), restarts.size(), settings.maxRestarts());
        if (session != null) {
            session.close();
            session = null;
        }
        session = Session.open(settings.endpoint(), settings.givenName(), settings.initializationTimeout());
        try {
            relist();
        } catch (McpException e) {
            log.warn("Listing the tools of the restarted MCP server {} failed; its tools of before are offered: {}",
                    label(), e.getMessage());
        }
    }

    private String label() {
        return session != null ? "'" + session.name() + "'" : settings.endpoint().describe();
    }

    private void checkOpen() {
        if (closed) {
            throw new McpException("The tools of the MCP server " + settings.endpoint().describe() + " were closed "
                    + "(with the agent, or McpTools.close()); make a new McpTools to use the server again.");
        }
    }

    /** Ends the session; later uses fail, saying it was closed. */
    void close() {
        Session open;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            open = session;
            session = null;
        }
        if (open != null) {
            open.close();
        }
    }
}
