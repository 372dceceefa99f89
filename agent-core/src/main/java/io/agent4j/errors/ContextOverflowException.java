package io.agent4j.errors;

/**
 * The newest turn alone does not fit the model's context window (minus the room kept for the
 * answer); raised before any request is sent.
 */
public class ContextOverflowException extends Agent4jException {

    private final int neededTokens;
    private final int availableTokens;

    /** Creates the exception with the counts that did not fit. */
    public ContextOverflowException(String message, int neededTokens, int availableTokens) {
        super(message);
        this.neededTokens = neededTokens;
        this.availableTokens = availableTokens;
    }

    /** The tokens the newest turn needs, tools and instructions included. */
    public int neededTokens() {
        return neededTokens;
    }

    /** The tokens the window leaves for the prompt. */
    public int availableTokens() {
        return availableTokens;
    }
}
