package io.agent4j.chat;

import java.util.List;

/**
 * The log probabilities of the tokens of one answer, as the server reported them when asked with
 * {@link ChatOptions#logprobs()}.
 *
 * @param content one entry per token of the text, in order
 * @param refusal one entry per token of a refusal, in order; empty when the model did not refuse
 */
public record Logprobs(List<Token> content, List<Token> refusal) {

    /** Creates the log probabilities; null lists mean none. */
    public Logprobs {
        content = content == null ? List.of() : List.copyOf(content);
        refusal = refusal == null ? List.of() : List.copyOf(refusal);
    }

    /**
     * One token and how likely it was.
     *
     * @param token the token's text
     * @param logprob its log probability (0 is certain)
     * @param bytes its UTF-8 bytes, or empty when the server sent none
     * @param top the most likely tokens at this position, with their own (empty) {@code top}; as many
     *     as {@link ChatOptions#topLogprobs()} asked, or fewer
     */
    public record Token(String token, double logprob, List<Integer> bytes, List<Token> top) {

        /** Creates a token; null lists mean none. */
        public Token {
            token = token == null ? "" : token;
            bytes = bytes == null ? List.of() : List.copyOf(bytes);
            top = top == null ? List.of() : List.copyOf(top);
        }
    }
}
