package io.agent4j.mcp.server;

import io.agent4j.chat.Cancellation;
import io.agent4j.mcp.McpException;
import io.agent4j.mcp.internal.McpJson;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MCP call a tool is serving, for tools that want more of MCP than a return value: log
 * messages and progress for the client, a question to the client's model (sampling) or to its
 * user (elicitation), and images, audio or resources in the result.
 *
 * <pre>{@code
 * @Tool("Resizes the photos of a folder")
 * public String resize(String folder) {
 *     Optional<McpCall> call = McpCall.current();
 *     call.ifPresent(c -> c.progress(0, 100, "starting"));
 *     ...
 *     call.ifPresent(c -> c.log(McpCall.Level.INFO, "resized 12 photos"));
 *     return "Resized 12 photos.";
 * }
 * }</pre>
 *
 * The same tool runs unchanged in an agent, where {@link #current()} is empty. The call is there on
 * the thread that runs the tool, not on threads the tool starts, and only until the tool returns.
 */
public final class McpCall {

    private static final ThreadLocal<McpCall> CURRENT = new ThreadLocal<>();

    private final McpSyncServerExchange exchange;
    private final String tool;
    private final Object progressToken;
    private final Cancellation cancellation = new Cancellation();
    private final List<McpSchema.Content> attachments = new ArrayList<>();
    private boolean finished;

    McpCall(McpSyncServerExchange exchange, String tool, Object progressToken) {
        this.exchange = exchange;
        this.tool = tool;
        this.progressToken = progressToken;
    }

    /** The MCP call the current thread serves; empty outside an {@link McpToolServer} (in an agent, say). */
    public static Optional<McpCall> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The levels of MCP log messages, from {@code debug} to {@code emergency} (RFC 5424). */
    public enum Level {
        /** Detailed debugging information. */
        DEBUG,
        /** Normal operation. */
        INFO,
        /** Normal but significant. */
        NOTICE,
        /** A warning. */
        WARNING,
        /** An error. */
        ERROR,
        /** A critical condition. */
        CRITICAL,
        /** Action must be taken at once. */
        ALERT,
        /** The system is unusable. */
        EMERGENCY
    }

    /**
     * What the client's user answered to {@link #elicit}.
     *
     * @param action {@code accept}, {@code decline} or {@code cancel}
     * @param content the values the user gave, when accepted; empty otherwise
     */
    public record Elicitation(String action, ObjectNode content) {

        /** Creates an answer; the content is copied. */
        public Elicitation {
            Objects.requireNonNull(action, "action");
            content = content.deepCopy();
        }

        /** Whether the user accepted and gave values. */
        public boolean accepted() {
            return action.equals("accept");
        }

        /** The values the user gave, as a fresh copy. */
        @Override
        public ObjectNode content() {
            return content.deepCopy();
        }
    }

    /** The name of the tool being called. */
    public String tool() {
        return tool;
    }

    /**
     * Sends a log message to the client ({@code notifications/message}), from the logger named after
     * the tool; the client's {@code logging/setLevel} decides whether it is sent.
     */
    public void log(Level level, String message) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
        exchange.loggingNotification(McpSchema.LoggingMessageNotification.builder()
                .level(McpSchema.LoggingLevel.valueOf(level.name())).logger(tool).data(message).build());
    }

    /**
     * Tells the client how far the call has got ({@code notifications/progress}); does nothing when
     * the client asked for no progress (sent no progress token).
     *
     * @param progress how much is done, growing with every call
     * @param total how much there is to do, or 0 when unknown
     * @param message what is being done, or null
     */
    public void progress(double progress, double total, String message) {
        if (progressToken == null) {
            return;
        }
        exchange.progressNotification(new McpSchema.ProgressNotification(progressToken, progress,
                total > 0 ? total : null, message));
    }

    /** Whether the client asked to be told the progress of this call. */
    public boolean wantsProgress() {
        return progressToken != null;
    }

    /**
     * Asks the client's model ({@code sampling/createMessage}) and returns the text of its answer.
     *
     * @throws McpException when the client does not offer sampling, refuses, or answers with no text
     */
    public String sample(String prompt, int maxTokens) {
        Objects.requireNonNull(prompt, "prompt");
        if (exchange.getClientCapabilities() == null || exchange.getClientCapabilities().sampling() == null) {
            throw new McpException("The MCP client does not offer sampling (it declared no 'sampling' capability), "
                    + "so tool '" + tool + "' cannot ask its model.");
        }
        McpSchema.CreateMessageResult result;
        try {
            result = exchange.createMessage(McpSchema.CreateMessageRequest.builder()
                    .messages(List.of(new McpSchema.SamplingMessage(McpSchema.Role.USER,
                            new McpSchema.TextContent(prompt))))
                    .maxTokens(maxTokens).build());
        } catch (RuntimeException e) {
            throw new McpException("The MCP client did not answer the sampling request of tool '" + tool + "': "
                    + e.getMessage(), e);
        }
        if (result.content() instanceof McpSchema.TextContent text) {
            return text.text();
        }
        throw new McpException("The MCP client's model answered tool '" + tool + "' with "
                + (result.content() == null ? "nothing" : result.content().type() + " content") + ", not text.");
    }

    /**
     * Asks the client's user for values ({@code elicitation/create}) and returns the answer.
     *
     * @param requestedSchema a flat JSON schema of the values: an object of string, number, integer,
     *     boolean and enum properties
     * @throws McpException when the client does not offer elicitation, or does not answer
     */
    public Elicitation elicit(String message, ObjectNode requestedSchema) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(requestedSchema, "requestedSchema");
        if (exchange.getClientCapabilities() == null || exchange.getClientCapabilities().elicitation() == null) {
            throw new McpException("The MCP client does not offer elicitation (it declared no 'elicitation' "
                    + "capability), so tool '" + tool + "' cannot ask its user.");
        }
        McpSchema.ElicitResult result;
        try {
            result = exchange.createElicitation(McpSchema.ElicitRequest.builder(message,
                    McpJson.toMap(requestedSchema)).build());
        } catch (RuntimeException e) {
            throw new McpException("The MCP client did not answer the elicitation request of tool '" + tool + "': "
                    + e.getMessage(), e);
        }
        Map<String, Object> content = result.content();
        return new Elicitation(result.action().name().toLowerCase(Locale.ROOT), McpJson.toTree(content));
    }

    /** Adds an image to the result, after the tool's text. */
    public void attachImage(byte[] data, String mimeType) {
        attach(new McpSchema.ImageContent(null, Base64.getEncoder().encodeToString(data),
                Objects.requireNonNull(mimeType, "mimeType")));
    }

    /** Adds audio to the result, after the tool's text. */
    public void attachAudio(byte[] data, String mimeType) {
        attach(new McpSchema.AudioContent(null, Base64.getEncoder().encodeToString(data),
                Objects.requireNonNull(mimeType, "mimeType")));
    }

    /** Adds a text resource (a file, a document) to the result, after the tool's text. */
    public void attachResource(String uri, String mimeType, String text) {
        attach(new McpSchema.EmbeddedResource(null, new McpSchema.TextResourceContents(
                Objects.requireNonNull(uri, "uri"), mimeType, Objects.requireNonNull(text, "text"))));
    }

    private synchronized void attach(McpSchema.Content content) {
        if (finished) {
            throw new IllegalStateException("The MCP call of tool '" + tool + "' has already been answered; "
                    + "attach content before the tool returns.");
        }
        attachments.add(content);
    }

    /** Runs {@code work} as this call: {@link #current()} returns it meanwhile. */
    <T> T run(java.util.function.Supplier<T> work) {
        McpCall outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** Stops anything the call runs that listens to it (an agent's run); its answer is decided elsewhere. */
    void cancel() {
        cancellation.cancel();
    }

    Cancellation cancellation() {
        return cancellation;
    }

    /** The content attached so far; nothing more can be attached after this. */
    synchronized List<McpSchema.Content> finish() {
        finished = true;
        return List.copyOf(attachments);
    }
}
