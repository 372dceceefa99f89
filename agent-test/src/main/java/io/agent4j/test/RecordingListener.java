package io.agent4j.test;

import io.agent4j.AgentListener;
import io.agent4j.AgentResult;
import io.agent4j.approval.Decision;
import io.agent4j.approval.PendingCall;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.Retry;
import io.agent4j.chat.ToolCall;
import io.agent4j.guardrail.GuardrailEvent;
import io.agent4j.tool.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every event of the runs of the agent it is given to ({@code Agent.builder().listener(events)}),
 * in the order they arrived, for {@link AgentAssertions#assertThat(RecordingListener)}.
 */
public final class RecordingListener implements AgentListener {

    private final List<AgentEvent> events = new ArrayList<>();

    /** A listener that has seen nothing yet. */
    public RecordingListener() {
    }

    /** Every event so far, in order. */
    public synchronized List<AgentEvent> events() {
        return List.copyOf(events);
    }

    /** The events of one kind, in order: {@code events(AgentEvent.ToolFinished.class)}. */
    public synchronized <E extends AgentEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Forgets every event, for the next run. */
    public synchronized void clear() {
        events.clear();
    }

    private synchronized void add(AgentEvent event) {
        events.add(event);
    }

    @Override
    public void onRequest(int step, ChatRequest request) {
        add(new AgentEvent.Request(step, request));
    }

    @Override
    public void onResponse(int step, ChatResponse response) {
        add(new AgentEvent.Response(step, response));
    }

    @Override
    public void onRetry(int step, Retry retry) {
        add(new AgentEvent.Retried(step, retry));
    }

    @Override
    public void onToolStarted(int step, ToolCall call) {
        add(new AgentEvent.ToolStarted(step, call));
    }

    @Override
    public void onToolFinished(int step, ToolCall call, ToolResult result, Duration duration) {
        add(new AgentEvent.ToolFinished(step, call, result, duration));
    }

    @Override
    public void onGuardrail(int step, GuardrailEvent event) {
        add(new AgentEvent.Guardrail(step, event));
    }

    @Override
    public void onWaiting(int step, List<PendingCall> pending) {
        add(new AgentEvent.Waiting(step, pending));
    }

    @Override
    public void onDecision(int step, ToolCall call, Decision decision) {
        add(new AgentEvent.Decided(step, call, decision));
    }

    @Override
    public void onFinished(AgentResult result) {
        add(new AgentEvent.Finished(result));
    }

    @Override
    public void onFailed(Throwable error) {
        add(new AgentEvent.Failed(error));
    }
}
