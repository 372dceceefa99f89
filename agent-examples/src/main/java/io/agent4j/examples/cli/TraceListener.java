package io.agent4j.examples.cli;

import io.agent4j.AgentListener;
import io.agent4j.AgentResult;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.Usage;
import io.agent4j.guardrail.GuardrailEvent;
import io.agent4j.guardrail.Verdict;
import io.agent4j.tool.ToolResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints each step, tool call and guardrail decision of a run to stderr, for {@code --verbose}: a
 * guardrail that passes takes a short line, one that rewrites, asks for a retry or stops says so in
 * capitals, with what it said.
 */
final class TraceListener implements AgentListener {

    private static final int SHOWN = 200;

    private final PrintWriter err;

    TraceListener(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onResponse(int step, ChatResponse response) {
        String tokens = response.finishReason().wireName() + ", " + response.usage().totalTokens() + " tokens";
        if (response.message().hasToolCalls()) {
            print("[step " + step + "] the model calls " + response.message().toolCalls().stream()
                    .map(ToolCall::name).collect(Collectors.joining(", ")) + " (" + tokens + ")");
        } else {
            print("[step " + step + "] the model answers (" + tokens + ")");
        }
    }

    @Override
    public void onToolFinished(int step, ToolCall call, ToolResult result, Duration duration) {
        String millis = String.format(Locale.ROOT, "%.1f ms", duration.toNanos() / 1e6);
        print("[step " + step + "] " + call.name() + " " + shorten(call.arguments()) + " -> "
                + (result.failed() ? "FAILED: " : "") + shorten(result.content()) + " (" + millis + ")");
    }

    @Override
    public void onGuardrail(int step, GuardrailEvent event) {
        String where = switch (event.stage()) {
            case INPUT -> "the input";
            case TOOL_CALL -> "the call to " + event.call().map(ToolCall::name).orElse("a tool");
            case TOOL_RESULT -> "the result of " + event.call().map(ToolCall::name).orElse("a tool");
            case OUTPUT -> "the answer";
        };
        String guardrail = "[step " + step + "] guardrail " + event.guardrail();
        Verdict verdict = event.verdict();
        if (verdict instanceof Verdict.Replace replace) {
            print(guardrail + " REPLACED " + where + ": " + shorten(replace.text()));
        } else if (verdict instanceof Verdict.Retry retry) {
            print(guardrail + " asks for a RETRY of " + where + ": " + shorten(retry.feedback()));
        } else if (verdict instanceof Verdict.Stop stop) {
            print(guardrail + " STOPPED the run at " + where + ": " + shorten(stop.reason()));
        } else {
            print(guardrail + " passes " + where);
        }
    }

    @Override
    public void onFinished(AgentResult result) {
        Usage usage = result.usage();
        print("[done] " + result.steps() + " step(s), " + usage.totalTokens() + " tokens ("
                + usage.promptTokens() + " prompt + " + usage.completionTokens() + " completion)");
    }

    private void print(String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }

    private static String shorten(String text) {
        String line = Failures.oneLine(text);
        return line.length() > SHOWN ? line.substring(0, SHOWN) + "..." : line;
    }
}
