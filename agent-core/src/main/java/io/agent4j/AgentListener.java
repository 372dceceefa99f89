package io.agent4j;

import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.ToolCall;
import io.agent4j.tool.ToolResult;
import java.time.Duration;

/**
 * Sees every step of a run, for traces, logs and metrics. All methods do nothing by default.
 * Tool events of one step arrive from several threads at once, so implementations must be
 * thread-safe; an exception thrown here is logged and otherwise ignored.
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

    /** The run produced its final answer. */
    default void onFinished(AgentResult result) {
    }
}
