package io.agent4j.guardrail;

import java.util.Locale;

/** Asks for a shorter answer when the final answer is longer than {@code max} characters. */
record MaxAnswerLength(int max) implements OutputGuardrail {

    static final String NAME = "max-answer-length";

    MaxAnswerLength {
        if (max < 1) {
            throw new IllegalArgumentException("maxAnswerLength must be at least 1 character, was " + max);
        }
    }

    @Override
    public Verdict check(FinalAnswer answer) {
        String text = answer.text();
        int length = text.codePointCount(0, text.length());
        if (length <= max) {
            return Verdict.pass();
        }
        return Verdict.retry(String.format(Locale.ROOT, "Your answer has %,d characters; at most %,d are allowed. "
                + "Answer again in at most %,d characters, keeping what matters most.", length, max, max));
    }

    @Override
    public String name() {
        return NAME;
    }
}
