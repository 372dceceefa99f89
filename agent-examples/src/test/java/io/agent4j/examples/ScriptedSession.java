package io.agent4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.Conversation;
import io.agent4j.answer.AnswerType;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ChatModel;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.Message;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.Usage;
import io.agent4j.chat.UserMessage;
import io.agent4j.memory.InMemoryConversationStore;
import io.agent4j.replay.RecordingChatModel;
import io.agent4j.tool.ToolDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scripted session of an example agent: the model's side is written by hand as a list of steps
 * (tool calls, then an answer), the real example agent runs the real tools in between, and
 * {@link RecordingChatModel} writes what passed. So the tool results in the file are exactly what
 * the tools return, and the file replays with {@code agent4j run --example NAME --replay FILE} (one
 * turn) or {@code agent4j chat --example NAME --replay FILE} with the turns on standard input.
 *
 * <p>An answer states the facts it relies on; the script checks that the tool results of its turn
 * contain them, so a tool that starts returning something else fails the script instead of
 * leaving an answer that contradicts the results. Token counts are estimates (jtokkit, o200k).
 *
 * <p>An example with a typed answer ({@link Example#typed()}) is run for its type, as
 * {@code agent4j run --example NAME} runs it: a turn may then have answers before its last one,
 * which the agent rejects and sends back with what was wrong (the repair request is the user
 * message of the next step), and the last answer is the one it accepts.
 */
public final class ScriptedSession {

    /** The note that says a session was not captured from a live model. */
    public static final String COMMENT = "Scripted in the recording format, not captured from OpenAI; "
            + "re-create with --record against a live endpoint.";

    /** The model name the scripted responses carry. */
    public static final String MODEL = "scripted";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** One response of the scripted model: tool calls, or a final answer. */
    public record Step(List<ToolCall> calls, String answer, List<String> facts) {

        /** Checks the step; the lists are copied. */
        public Step {
            calls = List.copyOf(calls);
            facts = List.copyOf(facts);
            if (calls.isEmpty() == (answer == null)) {
                throw new IllegalArgumentException("a step is either tool calls or an answer");
            }
        }
    }

    /** One user message and the steps that answer it. */
    public record Turn(String prompt, List<Step> steps) {

        /** Checks the turn: it ends with an answer. */
        public Turn {
            steps = List.copyOf(steps);
            if (steps.isEmpty() || steps.get(steps.size() - 1).answer() == null) {
                throw new IllegalArgumentException("a turn ends with an answer");
            }
        }

        /** The final answer of the turn. */
        public String answer() {
            return steps.get(steps.size() - 1).answer();
        }
    }

    private final String example;
    private final Map<String, String> settings;
    private final List<Turn> turns;
    private final boolean conversation;
    /** The model name the responses carry. */
    private final String model;

    private ScriptedSession(String example, Map<String, String> settings, List<Turn> turns, boolean conversation,
            String model) {
        this.example = example;
        this.settings = Map.copyOf(settings);
        this.turns = List.copyOf(turns);
        this.conversation = conversation;
        this.model = model;
    }

    private ScriptedSession(String example, Map<String, String> settings, List<Turn> turns, boolean conversation) {
        this(example, settings, turns, conversation, MODEL);
    }

    /**
     * This session with responses that carry {@code name} as their model, so that a price table
     * prices the run (the token counts stay estimates).
     */
    public ScriptedSession respondingAs(String name) {
        return new ScriptedSession(example, settings, turns, conversation, name);
    }

    /**
     * The scripted model of this session, fresh, to run through another harness than {@link #write}
     * (such as an eval set): it serves the steps in order and checks each answer's facts.
     */
    public ChatModel model() {
        return new Script();
    }

    /** Rewrites a recording of a scripted model with the note that says it was scripted, {@link #COMMENT}. */
    public static void markScripted(Path file) throws IOException {
        ObjectNode recorded = (ObjectNode) JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        ObjectNode root = JSON.createObjectNode();
        root.set("format", recorded.get("format"));
        root.set("version", recorded.get("version"));
        root.put("comment", COMMENT);
        root.set("exchanges", recorded.get("exchanges"));
        Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }

    /** A one-prompt session, as {@code agent4j run --example NAME} makes it. */
    public static ScriptedSession run(String example, Map<String, String> settings, Turn turn) {
        return new ScriptedSession(example, settings, List.of(turn), false);
    }

    /** A conversation, as {@code agent4j chat --example NAME} makes it with one line per turn. */
    public static ScriptedSession chat(String example, Map<String, String> settings, Turn... turns) {
        return new ScriptedSession(example, settings, List.of(turns), true);
    }

    /** A turn. */
    public static Turn turn(String prompt, Step... steps) {
        return new Turn(prompt, List.of(steps));
    }

    /** A step in which the model calls these tools (in parallel when more than one). */
    public static Step calls(ToolCall... calls) {
        return new Step(List.of(calls), null, List.of());
    }

    /** The final answer of a turn, and the facts of the turn's tool results it relies on. */
    public static Step answer(String text, String... facts) {
        return new Step(List.of(), Objects.requireNonNull(text), List.of(facts));
    }

    /** A tool call with this id. */
    public static ToolCall callWithId(String id, String name, String arguments) {
        return new ToolCall(id, name, arguments);
    }

    /**
     * A tool call with an id that looks like OpenAI's, the same on every run: made from
     * {@code seed}, e.g. the session's name and the call's number.
     */
    public static ToolCall call(String name, String arguments, String seed) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        Random random = new Random(seed.hashCode());
        StringBuilder id = new StringBuilder("call_");
        for (int i = 0; i < 24; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return new ToolCall(id.toString(), name, arguments);
    }

    /** The turns of the session. */
    public List<Turn> turns() {
        return turns;
    }

    /** The prompts, one per turn. */
    public List<String> prompts() {
        return turns.stream().map(Turn::prompt).toList();
    }

    /** The final answers, one per turn. */
    public List<String> answers() {
        return turns.stream().map(Turn::answer).toList();
    }

    /**
     * Runs the script through the example agent (made with the session's settings, as the command
     * line makes it), writes the recording to {@code file} with its comment, and returns the result
     * of each turn.
     *
     * @throws IllegalStateException when the run does not follow the script, e.g. a tool result
     *     lacks a fact an answer relies on
     */
    public List<AgentResult> write(Path file) throws IOException {
        Example chosen = Examples.find(example).orElseThrow(() -> new IllegalArgumentException(example));
        Files.deleteIfExists(file);
        RecordingChatModel recorder = new RecordingChatModel(new Script(), file);
        List<AgentResult> results = new ArrayList<>();
        // closed, for an example whose tools are an MCP server's
        try (Agent agent = chosen.newBuilder(settings).model(recorder).store(new InMemoryConversationStore())
                .build()) {
            if (chosen.typed()) {
                if (conversation) {
                    throw new IllegalArgumentException("a typed example's session is one prompt, as run makes it");
                }
                results.add(agent.run(new UserMessage(turns.get(0).prompt()), AnswerType.of(chosen.answerType()))
                        .result());
            } else if (conversation) {
                Conversation chat = agent.conversation("default");
                for (Turn turn : turns) {
                    results.add(chat.send(turn.prompt()));
                }
            } else {
                results.add(agent.run(turns.get(0).prompt()));
            }
        }
        for (int i = 0; i < turns.size(); i++) {
            Turn turn = turns.get(i);
            AgentResult result = results.get(i);
            if (!result.text().equals(turn.answer()) || result.steps() != turn.steps().size()) {
                throw new IllegalStateException("Turn " + (i + 1) + " ended unexpectedly: " + result);
            }
        }
        markScripted(file);
        return results;
    }

    /** Reads a recording as JSON, to compare two of them. */
    public static JsonNode read(Path file) throws IOException {
        return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Checks that the {@code shipped} file holds what a fresh run of this script writes (into
     * {@code dir}): the same messages, tool results included, the same tool names and the same
     * responses, and the comment. Tool schemas are not compared: the replay does not check them
     * either. With {@code -Dagent4j.writeSession=true}, first rewrites the shipped file from the
     * fresh run.
     *
     * @return the results of the fresh run, one per turn
     */
    public List<AgentResult> assertShippedMatchesAFreshRun(Path shipped, Path dir) throws IOException {
        Path fresh = dir.resolve("fresh-" + shipped.getFileName());
        List<AgentResult> results = write(fresh);
        if (Boolean.getBoolean("agent4j.writeSession")) {
            Files.writeString(shipped, Files.readString(fresh, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }
        assertSameExchanges(shipped, fresh);
        return results;
    }

    /**
     * Checks that the recording {@code shipped} is marked as scripted and holds what {@code fresh} does:
     * the same messages, tool results included, the same tool names and the same responses.
     */
    public static void assertSameExchanges(Path shipped, Path fresh) throws IOException {
        JsonNode shippedRoot = read(shipped);
        assertThat(shippedRoot.path("comment").asString()).as("the comment of %s", shipped).isEqualTo(COMMENT);
        JsonNode actual = shippedRoot.path("exchanges");
        JsonNode expected = read(fresh).path("exchanges");
        assertThat(actual).as("the exchanges of %s", shipped).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode a = actual.get(i);
            JsonNode b = expected.get(i);
            assertThat(a.at("/request/messages")).as("messages of step %d of %s", i + 1, shipped).isEqualTo(b.at("/request/messages"));
            assertThat(toolNames(a)).as("tools of step %d of %s", i + 1, shipped).isEqualTo(toolNames(b));
            assertThat(a.path("response")).as("response of step %d of %s", i + 1, shipped).isEqualTo(b.path("response"));
        }
    }

    /** The names of the tools offered in one exchange of a recording. */
    public static List<String> toolNames(JsonNode exchange) {
        return exchange.at("/request/tools").valueStream().map(t -> t.at("/function/name").asString()).toList();
    }

    /** The contents of the tool messages of one result, in order. */
    public static List<String> toolResults(AgentResult result) {
        return result.messages().stream().filter(ToolMessage.class::isInstance).map(Message::content).toList();
    }

    /** The scripted model: serves the steps in order, checking each answer's facts. */
    private final class Script implements ChatModel {

        private static final Encoding TOKENS = Encodings.newDefaultEncodingRegistry()
                .getEncoding(EncodingType.O200K_BASE);
        private int turn;
        private int step;

        @Override
        public synchronized ChatResponse chat(ChatRequest request) {
            if (turn >= turns.size()) {
                throw new IllegalStateException("The script has no step left, but the agent asked for one");
            }
            Turn current = turns.get(turn);
            Step next = current.steps().get(step);
            List<Message> messages = request.messages();
            if (step == 0 && !(messages.get(messages.size() - 1) instanceof UserMessage user
                    && user.content().equals(current.prompt()))) {
                throw new IllegalStateException("Turn " + (turn + 1) + " expected the prompt '" + current.prompt()
                        + "' last, but the request ends with " + messages.get(messages.size() - 1));
            }
            step++;
            if (step == current.steps().size()) {
                turn++;
                step = 0;
            }
            if (next.answer() == null) {
                return respond(request, new AssistantMessage(null, next.calls()), FinishReason.TOOL_CALLS);
            }
            String results = String.join("\n", resultsOfThisTurn(messages, current.prompt()));
            for (String fact : next.facts()) {
                if (!results.contains(fact)) {
                    throw new IllegalStateException("The answer '" + next.answer() + "' relies on '" + fact
                            + "', which the tool results do not contain; update the script to the tools' real "
                            + "results:\n" + results);
                }
            }
            return respond(request, AssistantMessage.of(next.answer()), FinishReason.STOP);
        }

        /** The tool results since the turn's prompt: a repair request, or images after a tool message, end no turn. */
        private List<String> resultsOfThisTurn(List<Message> messages, String prompt) {
            List<String> results = new ArrayList<>();
            for (int i = messages.size() - 1; i >= 0
                    && !(messages.get(i) instanceof UserMessage user && user.content().equals(prompt)); i--) {
                if (messages.get(i) instanceof ToolMessage tool) {
                    results.add(0, tool.content());
                }
            }
            return results;
        }

        private ChatResponse respond(ChatRequest request, AssistantMessage reply, FinishReason reason) {
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
            return new ChatResponse(reply, reason, Usage.of(prompt, completion), model);
        }

        private static long count(String text) {
            return text == null ? 0 : TOKENS.countTokens(text);
        }
    }
}
