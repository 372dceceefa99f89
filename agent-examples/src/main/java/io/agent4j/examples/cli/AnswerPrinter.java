package io.agent4j.examples.cli;

import io.agent4j.AgentResult;
import io.agent4j.StreamHandler;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.ToolCall;
import io.agent4j.guardrail.GuardrailEvent;
import io.agent4j.guardrail.Verdict;
import io.agent4j.tool.ToolResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prints one answer as it is made, for {@code run} and each turn of {@code chat}.
 *
 * <p>For people: the model's text goes to stdout as it arrives (text a model writes before it
 * calls tools too), its line ended as soon as the model's response is complete (so that a trace
 * line of {@code --verbose} on stderr starts a line of its own), the spinner of the {@link Screen} runs while the model
 * is asked, and each tool call becomes a {@link ToolLine} on stderr as it finishes (unless
 * {@code toolLines} is off: {@code --quiet}, {@code --verbose}, which prints its own trace).
 *
 * <p>For programs ({@code --json}): nothing is printed while the answer is made; the tool calls
 * are collected, and {@link #finish} prints one {@link JsonAnswer} line on stdout.
 *
 * <p>For a typed answer ({@link #typed}): the model's JSON is not streamed, since it may yet be
 * rejected; each rejection that the model is asked to repair is a {@link #repairLine} on stderr, and
 * {@link #finishTyped} prints the JSON as it was checked.
 */
final class AnswerPrinter implements StreamHandler {

    /** The most characters of a rejected answer's problems shown in its repair line. */
    static final int PROBLEMS = 120;

    private final Screen screen;
    private final boolean json;
    private final boolean toolLines;
    /** For a typed answer, the most repairs the model may be asked for; -1 for an answer in text. */
    private final int maxRepairs;
    private final List<JsonAnswer.Call> calls = new ArrayList<>();
    private String model;
    private boolean textInStep;
    private boolean lineOpen;
    private int rejected;

    /**
     * A printer for one answer.
     *
     * @param screen where to print
     * @param json whether to print one JSON object at the end instead of streaming the text
     * @param toolLines whether to print a compact line for each tool call (ignored with {@code json})
     */
    AnswerPrinter(Screen screen, boolean json, boolean toolLines) {
        this(screen, json, toolLines, -1);
    }

    private AnswerPrinter(Screen screen, boolean json, boolean toolLines, int maxRepairs) {
        this.screen = screen;
        this.json = json;
        this.toolLines = toolLines && !json;
        this.maxRepairs = maxRepairs;
    }

    /**
     * A printer for one typed answer; each repair asked for is a {@link #repairLine} where the tool
     * calls are tool lines ({@code --verbose} has its own trace of the check).
     *
     * @param maxRepairs the agent's {@code maxRepairs}, to number the repairs
     */
    static AnswerPrinter typed(Screen screen, boolean json, boolean toolLines, int maxRepairs) {
        return new AnswerPrinter(screen, json, toolLines, maxRepairs);
    }

    @Override
    public void onRequest(int step, ChatRequest request) {
        textInStep = false;
        screen.waiting(step);
    }

    @Override
    public void onText(String delta) {
        screen.stopWaiting();
        if (json || maxRepairs >= 0 || delta.isEmpty()) {
            return;
        }
        PrintWriter out = screen.out();
        out.print(delta);
        out.flush();
        textInStep = true;
        lineOpen = !delta.endsWith("\n");
    }

    @Override
    public void onResponse(int step, ChatResponse response) {
        screen.stopWaiting();
        if (response.model() != null && !response.model().isEmpty()) {
            model = response.model();
        }
        endLine();
    }

    @Override
    public void onToolFinished(int step, ToolCall call, ToolResult result, Duration duration) {
        calls.add(new JsonAnswer.Call(step, call, result, duration));
        if (toolLines) {
            PrintWriter err = screen.err();
            err.println(ToolLine.format(screen.style(), call, result, duration));
            err.flush();
        }
    }

    /** A rejected final answer that the model is asked to repair: its repair line, when those are printed. */
    @Override
    public void onGuardrail(int step, GuardrailEvent event) {
        if (event.stage() != GuardrailEvent.Stage.OUTPUT || !(event.verdict() instanceof Verdict.Retry retry)) {
            return;
        }
        rejected++;
        if (toolLines && maxRepairs >= 0 && rejected <= maxRepairs
                && event.guardrail().equals(GuardrailEvent.ANSWER_SCHEMA)) {
            PrintWriter err = screen.err();
            err.println(repairLine(screen.style(), retry.feedback(), rejected, maxRepairs));
            err.flush();
        }
    }

    /**
     * The line of a typed answer that does not fit its schema and goes back to the model:
     * {@code   ↻ the answer does not fit its schema: $.total: required property 'total' not found; asking for a
     * repair (1 of 2)}.
     */
    static String repairLine(Style style, String problems, int repair, int maxRepairs) {
        return "  " + style.dim(style.retry()) + " " + style.yellow("the answer does not fit its schema: "
                + ToolLine.shorten(style, problems, PROBLEMS)) + style.dim("; asking for a repair (" + repair + " of "
                + maxRepairs + ")");
    }

    @Override
    public void onFinished(AgentResult result) {
        screen.stopWaiting();
    }

    /**
     * Ends the answer: the text and a line break if the model did not stream it (or the answer is
     * empty), the line break after streamed text if it is still missing, or the JSON object.
     *
     * @return the JSON object printed, or null when printing for people
     */
    ObjectNode finish(AgentResult result) {
        return finish(result, null);
    }

    /** Ends the answer; {@code decorate} may add to the JSON object before it is printed. */
    ObjectNode finish(AgentResult result, java.util.function.UnaryOperator<ObjectNode> decorate) {
        screen.stopWaiting();
        PrintWriter out = screen.out();
        if (json) {
            ObjectNode node = JsonAnswer.of(result, model, calls);
            if (decorate != null) {
                node = decorate.apply(node);
            }
            out.println(JsonAnswer.line(node));
            out.flush();
            return node;
        }
        if (!textInStep && !result.refused()) {
            out.println(result.text());
        } else if (lineOpen) {
            out.println();
        }
        out.flush();
        lineOpen = false;
        return null;
    }

    /**
     * Ends a typed answer: its JSON as it was checked, pretty on stdout, or the JSON object with it
     * as {@code value}.
     *
     * @param value the answer's JSON; null for a refusal
     * @return the JSON object printed, or null when printing for people
     */
    ObjectNode finishTyped(AgentResult result, JsonNode value) {
        screen.stopWaiting();
        PrintWriter out = screen.out();
        if (json) {
            ObjectNode node = JsonAnswer.of(result, model, calls, value);
            out.println(JsonAnswer.line(node));
            out.flush();
            return node;
        }
        if (value != null) {
            out.println(JsonAnswer.pretty(value));
        }
        out.flush();
        return null;
    }

    /**
     * After the answer: when it was cut off, says so in one line on stderr (a warning, or with
     * {@code failing} the error the command exits with), whatever {@code --quiet} says.
     *
     * @return whether the answer was cut off
     */
    boolean warnIfTruncated(AgentResult result, boolean failing) {
        if (!result.truncated()) {
            return false;
        }
        String why = result.finishReason() == FinishReason.LENGTH
                ? "at the token limit (finish_reason length), so it is incomplete; ask for a shorter answer, "
                        + "or raise the model's output token limit on the server."
                : "by the provider's content filter (finish_reason content_filter), so it is incomplete; "
                        + "rephrase the prompt.";
        PrintWriter err = screen.err();
        err.println("agent4j: " + (failing ? "" : "warning: ") + "the answer was cut off " + why);
        err.flush();
        return true;
    }

    /**
     * After the answer: when the model refused to answer, says so with its refusal in one line on
     * stderr, whatever {@code --quiet} says (with {@code --json} too: the object carries it as well).
     *
     * @return whether the model refused
     */
    boolean reportRefusal(AgentResult result) {
        if (!result.refused()) {
            return false;
        }
        PrintWriter err = screen.err();
        err.println("agent4j: the model refused to answer: " + Failures.oneLine(result.refusal().get()));
        err.flush();
        return true;
    }

    /** After a failure: ends a line of streamed text, so the error starts on a line of its own. */
    void abort() {
        screen.stopWaiting();
        endLine();
    }

    /** The model that answered last, as the server named it. */
    String model() {
        return model;
    }

    /** The tool calls of the answer so far. */
    List<JsonAnswer.Call> calls() {
        return List.copyOf(calls);
    }

    private void endLine() {
        if (lineOpen && !json) {
            screen.out().println();
            screen.out().flush();
            lineOpen = false;
        }
    }
}
