package io.agent4j;

import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.ToolCall;
import io.agent4j.guardrail.GuardrailEvent;
import io.agent4j.tool.ToolResult;
import java.time.Duration;

/**
 * Sees every step of a run, for traces, logs and metrics. All methods do nothing by default.
 * Events of one run arrive on the thread that called {@code run}, in order (the tool calls of
 * a step run concurrently, inline tools on that thread, and their finished events follow in the
 * order of the calls); an agent
 * shared between threads calls its listeners from each of them. An exception thrown here is
 * logged and otherwise ignored.
 */
public interface AgentListener {

    /** A request is about to be sent to the model; {@code step} counts from 1. */
    default void onRequest(int step, ChatRequest request) {
    }

    /** The model answered. */
    default void onResponse(int step, ChatResponse response) {
    }

    /** A tool call is about to run. */
    default void onToolStarted(int step, ToolCall call) {
    }

    /** A tool call finished, successfully or not. */
    default void onToolFinished(int step, ToolCall call, ToolResult result, Duration duration) {
    }

    /**
     * A guardrail decided, on the user's message, a tool call or result, or the final answer; the
     * schema check of a typed answer is reported too, as {@link GuardrailEvent#ANSWER_SCHEMA}. A
     * guardrail that threw or returned null is reported as the stop it caused.
     */
    default void onGuardrail(int step, GuardrailEvent event) {
    }

    /** The run produced its final answer. */
    default void onFinished(AgentResult result) {
    }
}
