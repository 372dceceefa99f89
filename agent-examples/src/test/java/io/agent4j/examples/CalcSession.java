package io.agent4j.examples;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.agent4j.AgentResult;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ChatModel;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.Message;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.Usage;
import io.agent4j.replay.RecordingChatModel;
import io.agent4j.tool.ToolDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes {@code sessions/calc.json}, the scripted session of the calc example: a tiny scripted
 * model asks for {@code evaluate} and {@code convert} in parallel, then answers; the real
 * {@link CalcExample} agent runs the real tools in between, and {@link RecordingChatModel} writes
 * what passed. So the tool results in the file are exactly what the tools produce.
 *
 * <p>Re-create it after changing the example's instructions or tools, from the repository root:
 * {@code mvn -q -B install -DskipTests && mvn -q -B test -pl agent-examples -Dtest=CalcSessionTest
 * -Dagent4j.writeSession=true}.
 */
public final class CalcSession {

    /** Where the session is shipped, relative to the agent-examples module. */
    public static final Path SHIPPED = Path.of("sessions", "calc.json");
    /** The prompt of the session. */
    public static final String PROMPT = CalcExample.SAMPLE_PROMPT;
    /** The model's final answer in the session. */
    public static final String ANSWER = "17.5% of 2,340.80 EUR is 409.64 EUR, and 3.2 kg is "
            + "7.05479238991608 lb (about 7.05 lb).";
    /** The note that says the session was not captured from a live model. */
    public static final String COMMENT = "Scripted in the recording format, not captured from OpenAI; "
            + "re-create with --record against a live endpoint.";

    private static final String MODEL = "scripted";
    private static final List<ToolCall> CALLS = List.of(
            new ToolCall("call_1J6hC9kqX4vYb2WnR8tLm3Pz", "evaluate", "{\"expression\":\"2340.80 * 17.5 / 100\"}"),
            new ToolCall("call_7Qd2Vx5sN0aFk9GhT4yUe6Rc", "convert", "{\"value\":3.2,\"from\":\"kg\",\"to\":\"lb\"}"));
    private static final List<String> RESULTS = List.of("409.64", "{\"value\":7.05479238991608,\"unit\":\"lb\"}");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private CalcSession() {
    }

    /** Writes the session to the file given as the argument, or to {@link #SHIPPED}. */
    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : SHIPPED;
        write(file);
        System.out.println("Wrote " + file.toAbsolutePath());
    }

    /** Runs the scripted session through the calc agent and writes the recording, with its comment. */
    public static void write(Path file) throws IOException {
        RecordingChatModel recorder = new RecordingChatModel(new Script(), file);
        AgentResult result = CalcExample.builder().model(recorder).build().run(PROMPT);
        if (!result.text().equals(ANSWER) || result.steps() != 2) {
            throw new IllegalStateException("The scripted run ended unexpectedly: " + result);
        }
        ObjectNode recorded = (ObjectNode) JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        ObjectNode root = JSON.createObjectNode();
        root.set("format", recorded.get("format"));
        root.set("version", recorded.get("version"));
        root.put("comment", COMMENT);
        root.set("exchanges", recorded.get("exchanges"));
        Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }

    /** Reads a recording as JSON, to compare two of them. */
    public static JsonNode read(Path file) throws IOException {
        return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The scripted model: two parallel tool calls, then the answer; token counts are estimated. */
    private static final class Script implements ChatModel {

        private static final Encoding TOKENS = Encodings.newDefaultEncodingRegistry()
                .getEncoding(EncodingType.O200K_BASE);
        private int step;

        @Override
        public synchronized ChatResponse chat(ChatRequest request) {
            step++;
            if (step == 1) {
                return respond(request, new AssistantMessage(null, CALLS), FinishReason.TOOL_CALLS);
            }
            List<String> results = request.messages().stream()
                    .filter(ToolMessage.class::isInstance).map(Message::content).toList();
            if (step != 2 || !results.equals(RESULTS)) {
                throw new IllegalStateException("Unexpected step " + step + " with tool results " + results
                        + "; update the script to the tools' real results.");
            }
            return respond(request, AssistantMessage.of(ANSWER), FinishReason.STOP);
        }

        private static ChatResponse respond(ChatRequest request, AssistantMessage reply, FinishReason reason) {
            long prompt = 0;
            for (Message message : request.messages()) {
                prompt += 4 + count(message.content());
                if (message instanceof AssistantMessage assistant) {
                    for (ToolCall call : assistant.toolCalls()) {
                        prompt += 8 + count(call.name()) + count(call.arguments());
                    }
                }
            }
            for (ToolDefinition tool : request.tools()) {
                prompt += 8 + count(tool.name()) + count(tool.description()) + count(tool.parameters().toString());
            }
            long completion = count(reply.content());
            for (ToolCall call : reply.toolCalls()) {
                completion += 8 + count(call.name()) + count(call.arguments());
            }
            return new ChatResponse(reply, reason, new Usage(prompt, completion, prompt + completion), MODEL);
        }

        private static long count(String text) {
            return text == null ? 0 : TOKENS.countTokens(text);
        }
    }
}
