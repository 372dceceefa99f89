package io.agent4j.test;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ChatModel;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.Message;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A chat model that answers from a script written in the test, and keeps every request it got.
 * The agent's tools and guardrails run for real; only the model's turns are scripted.
 *
 * <pre>{@code
 * ScriptedChatModel model = ScriptedChatModel.of(
 *         reply().toolCall("add", "{\"a\":1,\"b\":2}")
 *         .then().text("3"));
 * }</pre>
 *
 * <p>Each {@code reply()} or {@code then()} starts one turn of the model: its text, its tool calls
 * (ids {@code call_<turn>_<n>}), its usage. A run that asks for more turns than the script has fails
 * with an {@link AssertionError} that says so.
 */
public final class ScriptedChatModel implements ChatModel {

    private final List<ChatResponse> replies;
    private final List<ChatRequest> requests = new ArrayList<>();

    private ScriptedChatModel(List<ChatResponse> replies) {
        this.replies = List.copyOf(replies);
    }

    /** A model that serves the turns of {@code script} in order. */
    public static ScriptedChatModel of(Script script) {
        return new ScriptedChatModel(script.responses());
    }

    /** A model that serves these responses in order, for replies the script cannot express. */
    public static ScriptedChatModel of(ChatResponse... responses) {
        if (responses.length == 0) {
            throw new IllegalArgumentException("a scripted model needs at least one response");
        }
        return new ScriptedChatModel(List.of(responses));
    }

    /** Starts a script with the model's first turn. */
    public static Script reply() {
        return new Script();
    }

    @Override
    public synchronized ChatResponse chat(ChatRequest request) {
        requests.add(request);
        if (requests.size() > replies.size()) {
            throw new AssertionError("The scripted model has " + replies.size() + " repl"
                    + (replies.size() == 1 ? "y" : "ies") + " but the agent asked for reply " + requests.size()
                    + "; the last message it sent was " + describe(last(request.messages()))
                    + ". Add a turn to the script (.then()...) or expect the run to end sooner.");
        }
        return replies.get(requests.size() - 1);
    }

    /** Every request the agent sent, in order. */
    public synchronized List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * The request of {@code step}, counted from 1 as the agent counts its steps.
     *
     * @throws AssertionError when the agent sent fewer requests
     */
    public synchronized ChatRequest request(int step) {
        if (step < 1 || step > requests.size()) {
            throw new AssertionError("The agent sent " + requests.size() + " request(s); there is no step " + step + ".");
        }
        return requests.get(step - 1);
    }

    /** How many scripted turns have not been asked for. */
    public synchronized int remaining() {
        return replies.size() - Math.min(requests.size(), replies.size());
    }

    private static Message last(List<Message> messages) {
        return messages.get(messages.size() - 1);
    }

    private static String describe(Message message) {
        String text = message.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    @Override
    public String toString() {
        return "ScriptedChatModel[" + replies.size() + " replies]";
    }

    /**
     * The model's turns, written in order: {@code reply().toolCall(...).then().text(...)}. Each method
     * sets something of the current turn; {@link #then()} starts the next one.
     */
    public static final class Script {

        private final List<Turn> turns = new ArrayList<>();
        private String model = "scripted";

        private Script() {
            turns.add(new Turn());
        }

        /** The current turn answers with this text (a turn with tool calls may carry text as well). */
        public Script text(String text) {
            current().text = Objects.requireNonNull(text, "text");
            return this;
        }

        /** The current turn calls tool {@code name} with these arguments, as JSON text (malformed on purpose, if you like). */
        public Script toolCall(String name, String arguments) {
            current().calls.add(new String[] {Objects.requireNonNull(name, "name"), Objects.requireNonNull(arguments,
                    "arguments")});
            return this;
        }

        /** The current turn refuses to answer, as OpenAI's {@code refusal}. */
        public Script refusal(String refusal) {
            current().refusal = Objects.requireNonNull(refusal, "refusal");
            return this;
        }

        /** The current turn stops for this reason instead of {@code stop} or {@code tool_calls}. */
        public Script finishReason(FinishReason reason) {
            current().finishReason = Objects.requireNonNull(reason, "reason");
            return this;
        }

        /** The tokens the current turn reports; without it a turn reports none (its usage is unknown). */
        public Script usage(long promptTokens, long completionTokens) {
            current().usage = Usage.of(promptTokens, completionTokens);
            return this;
        }

        /** The model every turn says answered (default {@code scripted}), so a price table can price the run. */
        public Script model(String model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Starts the model's next turn. */
        public Script then() {
            turns.add(new Turn());
            return this;
        }

        private Turn current() {
            return turns.get(turns.size() - 1);
        }

        List<ChatResponse> responses() {
            List<ChatResponse> responses = new ArrayList<>();
            for (int i = 0; i < turns.size(); i++) {
                responses.add(turns.get(i).response(i + 1, model));
            }
            return responses;
        }
    }

    private static final class Turn {

        private String text;
        private String refusal;
        private final List<String[]> calls = new ArrayList<>();
        private FinishReason finishReason;
        private Usage usage = Usage.UNKNOWN;

        ChatResponse response(int number, String model) {
            if (text == null && refusal == null && calls.isEmpty()) {
                throw new IllegalStateException("Turn " + number + " of the script has neither text, tool calls nor a "
                        + "refusal: give it .text(...), .toolCall(...) or .refusal(...), or remove the extra .then().");
            }
            List<ToolCall> toolCalls = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                toolCalls.add(new ToolCall("call_" + number + "_" + (i + 1), calls.get(i)[0], calls.get(i)[1]));
            }
            FinishReason reason = finishReason != null ? finishReason
                    : toolCalls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
            return new ChatResponse(new AssistantMessage(text, toolCalls, refusal), reason, usage, model);
        }
    }
}
