package io.agent4j.guardrail;

import io.agent4j.chat.ToolCall;
import io.agent4j.tool.ToolResult;

/**
 * Checks tool calls before they run and their results before the model sees them; both pass by
 * default. Runs on the run's own thread: every call of a step is checked before any of them runs,
 * and each result in the order of the calls, once it and every call before it have finished and
 * before it is stored.
 *
 * <pre>{@code
 * ToolGuardrail noDeletes = new ToolGuardrail() {
 *     public Verdict beforeCall(ToolCall call) {
 *         return call.name().equals("delete") ? Verdict.retry("Deleting is not allowed; archive instead.")
 *                 : Verdict.pass();
 *     }
 * };
 * }</pre>
 */
public interface ToolGuardrail {

    /**
     * Decides on a call before it runs: {@link Verdict#replace} gives other arguments (JSON),
     * {@link Verdict#retry} answers the call with the feedback instead of running it.
     */
    default Verdict beforeCall(ToolCall call) {
        return Verdict.pass();
    }

    /**
     * Decides on a result before the model sees it: {@link Verdict#replace} rewrites its text,
     * {@link Verdict#retry} shows the model the feedback instead. Not asked about a call that a
     * {@link #beforeCall} retry kept from running.
     */
    default Verdict afterCall(ToolCall call, ToolResult result) {
        return Verdict.pass();
    }

    /** The name events and exceptions give; the class's simple name by default. */
    default String name() {
        return Names.of(this);
    }
}
