package io.agent4j.test.eval;

import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.chat.ChatModel;
import io.agent4j.chat.Message;
import io.agent4j.chat.UserMessage;
import java.util.Objects;

/**
 * Grades an answer against a rubric, for the {@link Check.Judged} checks of an eval set. {@link #of}
 * makes one that asks a model, which, like the agent's, may be a recording:
 *
 * <pre>{@code
 * EvalReport report = set.run(evalCase -> agentBuilder(evalCase),
 *         evalCase -> Judge.of(ReplayChatModel.load(Path.of("evals", evalCase.id() + ".judge.json"))));
 * }</pre>
 */
@FunctionalInterface
public interface Judge {

    /** The system message of {@link #of}'s judge. */
    String INSTRUCTIONS = "You are a strict, impartial grader of an AI assistant's answers. You judge the answer only "
            + "against the rubric you are given: it passes when it meets every point of the rubric, and fails "
            + "otherwise. You do not answer the user's question yourself.";

    /**
     * Grades the answer of {@code result}, the run of {@code evalCase}.
     *
     * @throws RuntimeException when the grade cannot be had; the case then fails, saying why
     */
    Verdict grade(String rubric, EvalCase evalCase, AgentResult result);

    /**
     * A judge that asks {@code model}: the rubric, the conversation and the prompt, and the answer
     * go in one user message, after {@link #INSTRUCTIONS}, and the model answers with a
     * {@link Verdict} as JSON (checked against its schema, and repaired once when it does not fit).
     */
    static Judge of(ChatModel model) {
        Objects.requireNonNull(model, "model");
        return (rubric, evalCase, result) -> {
            try (Agent judge = Agent.builder().model(model).instructions(INSTRUCTIONS).maxRepairs(1).build()) {
                return judge.run(prompt(rubric, evalCase, result), Verdict.class).value();
            }
        };
    }

    /** The user message of {@link #of}'s judge. */
    private static String prompt(String rubric, EvalCase evalCase, AgentResult result) {
        StringBuilder prompt = new StringBuilder("Grade the assistant's answer against the rubric.\n\nRubric:\n")
                .append(rubric.strip()).append("\n\nConversation:\n");
        for (Message message : evalCase.conversation()) {
            prompt.append(message instanceof UserMessage ? "user: " : "assistant: ").append(message.content())
                    .append('\n');
        }
        prompt.append("user: ").append(evalCase.prompt()).append("\n\nAnswer:\n").append(result.text())
                .append("\n\nReply with \"pass\": true when the answer meets every point of the rubric, else false, "
                        + "and \"reason\": one sentence that says why.");
        return prompt.toString();
    }
}
