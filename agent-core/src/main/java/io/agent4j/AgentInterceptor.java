package io.agent4j;

import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.ToolCall;
import io.agent4j.tool.ToolResult;
import java.util.function.Supplier;

/**
 * An {@link AgentListener} that also wraps the run, each model call and each tool call, for what
 * must hold around them rather than be told after: a trace span that is current while the model is
 * called (so the HTTP call can carry it) or while a tool runs (so the tool's own spans nest under
 * it). Given to {@code Agent.Builder.interceptor}, which registers it as a listener too. Every
 * method does nothing by default but proceed.
 *
 * <p>{@link #aroundRun} and {@link #aroundModelCall} run on the thread that called the agent, and
 * must call {@code proceed} once, returning what it returns or letting its exception through. An
 * exception the interceptor throws itself fails the run.
 */
public interface AgentInterceptor extends AgentListener {

    /**
     * A run that starts, or that is resumed.
     *
     * @param agentName the agent's name ({@code Agent.Builder.name}), or null
     * @param runId the run's id
     * @param conversationId its conversation's id (a one-off run's own id)
     * @param resumed whether it is a resumed run
     * @param model the model the run's requests name; when they name none, the one the model sends them to
     *     ({@code ChatModel.model()}), or null when that is not known
     */
    record Run(String agentName, String runId, String conversationId, boolean resumed, String model) {
    }

    /** Wraps a whole run, from its first step to its result, or to the exception that ends it. */
    default AgentResult aroundRun(Run run, Supplier<AgentResult> proceed) {
        return proceed.get();
    }

    /** Wraps one model call of {@code step} (counted from 1), with its retries. */
    default ChatResponse aroundModelCall(int step, ChatRequest request, Supplier<ChatResponse> proceed) {
        return proceed.get();
    }

    /**
     * Wraps one tool call. Called on the run's thread before the call is handed to the thread that
     * runs it; the supplier returned runs there (a tool call of a step may run beside the others of
     * its step), so an interceptor takes what it needs from the run's thread here. It returns
     * {@code proceed} itself, or a supplier that calls it once. Not called for a call that does not
     * run (refused as a repeat, stopped by a guardrail, rejected by a person, or of a cut reply).
     */
    default Supplier<ToolResult> aroundToolCall(int step, ToolCall call, Supplier<ToolResult> proceed) {
        return proceed;
    }
}
