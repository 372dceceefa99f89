package io.agent4j.examples.cli;

import io.agent4j.chat.Retry;

/**
 * The line printed on stderr when a model call is about to be retried:
 * {@code   ↻ HTTP 429, retrying in 1.5 s (retry 1 of 2)}.
 */
final class RetryLine {

    private RetryLine() {
    }

    static String format(Style style, Retry retry) {
        return "  " + style.dim(style.retry()) + " " + style.yellow(ToolLine.shorten(style, retry.reason(), 80)
                + ", retrying in " + ToolLine.millis(retry.delay())) + style.dim(" (retry " + retry.retry() + " of "
                + retry.maxRetries() + ")");
    }
}
