package io.agent4j;

import io.agent4j.approval.Decision;
import io.agent4j.approval.PendingCall;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.Retry;
import io.agent4j.chat.ToolCall;
import io.agent4j.guardrail.GuardrailEvent;
import io.agent4j.tool.ToolResult;
import java.time.Duration;
import java.util.List;

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

    /**
     * The model call of {@code step} failed and is about to be sent again, as the model tells it
     * ({@code OpenAiChatModel} does, for each retry it makes).
     */
    default void onRetry(int step, Retry retry) {
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

    /**
     * The run stops before the tool calls of {@code step}, which wait for a person's approval; the
     * result that says so ({@link AgentResult#waiting()}) follows in {@link #onFinished}.
     */
    default void onWaiting(int step, List<PendingCall> pending) {
    }

    /** A resumed run applies a person's decision on {@code call}, of the step it waited before. */
    default void onDecision(int step, ToolCall call, Decision decision) {
    }

    /**
     * The run produced its final answer, or stopped to wait for approval ({@link AgentResult#waiting()}).
     */
    default void onFinished(AgentResult result) {
    }

    /**
     * The run ended with an exception instead of a result: a budget reached, a guardrail's stop, the
     * step limit, the model's error, a cancellation; the exception is then thrown to the caller.
     */
    default void onFailed(Throwable error) {
    }
}
