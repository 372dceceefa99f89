package io.agent4j.errors;

import io.agent4j.chat.Message;
import io.agent4j.chat.Usage;
import java.math.BigDecimal;
import java.util.List;

/**
 * The model's answer still did not parse, match the schema or bind to the answer's type after the
 * agent's repairs ({@code Agent.Builder.maxRepairs}, 2 by default): each time it was told exactly
 * what was wrong and asked again.
 */
public class InvalidAnswerException extends RunException {

    private final String text;
    private final List<String> problems;
    private final int repairs;

    /**
     * Creates the exception.
     *
     * @param type the answer's type, for the message
     * @param text the model's last answer, as it wrote it
     * @param problems what is wrong with it, each with its JSON path
     * @param repairs how often the model was asked to repair its answer
     * @param cost what the run cost before it stopped; null when a price was unknown
     */
    public InvalidAnswerException(String type, String text, List<String> problems, int repairs,
            List<Message> transcript, Usage usage, BigDecimal cost) {
        super("The model's answer is no valid " + type + " after " + repairs + " repair(s): "
                + String.join("; ", problems) + ". Raise maxRepairs, simplify the type, or check the transcript.",
                transcript, usage, cost, null);
        this.text = text;
        this.problems = List.copyOf(problems);
        this.repairs = repairs;
    }

    /** The model's last answer, as it wrote it. */
    public String text() {
        return text;
    }

    /** What is wrong with the last answer, each with the JSON path of the offending value. */
    public List<String> problems() {
        return problems;
    }

    /** How often the model was asked to repair its answer. */
    public int repairs() {
        return repairs;
    }
}
