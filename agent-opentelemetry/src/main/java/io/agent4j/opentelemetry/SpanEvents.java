package io.agent4j.opentelemetry;

import static io.agent4j.opentelemetry.AgentTelemetry.putIfPresent;

import io.agent4j.approval.Decision;
import io.agent4j.approval.PendingCall;
import io.agent4j.chat.Retry;
import io.agent4j.chat.ToolCall;
import io.agent4j.guardrail.GuardrailEvent;
import io.agent4j.guardrail.Verdict;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.List;

/** The attributes of the span events that stand for listener events: retries, guardrails, approvals. */
final class SpanEvents {

    private SpanEvents() {
    }

    static Attributes retry(int step, Retry retry) {
        AttributesBuilder attributes = Attributes.builder()
                .put(Agent4jAttributes.RETRY_ATTEMPT, (long) retry.retry())
                .put(Agent4jAttributes.RETRY_MAX, (long) retry.maxRetries())
                .put(Agent4jAttributes.STEP, (long) step);
        putIfPresent(attributes, Agent4jAttributes.RETRY_REASON, retry.reason());
        if (retry.delay() != null) {
            attributes.put(Agent4jAttributes.RETRY_DELAY, Instruments.seconds(retry.delay().toNanos()));
        }
        return attributes.build();
    }

    /** A guardrail's decision; its feedback or reason only when {@code content} is captured. */
    static Attributes guardrail(int step, GuardrailEvent event, boolean content) {
        Verdict verdict = event.verdict();
        AttributesBuilder attributes = Attributes.builder()
                .put(Agent4jAttributes.GUARDRAIL_NAME, event.guardrail())
                .put(Agent4jAttributes.GUARDRAIL_STAGE, event.stage().label())
                .put(Agent4jAttributes.GUARDRAIL_VERDICT, verdictName(verdict))
                .put(Agent4jAttributes.STEP, (long) step);
        event.call().ifPresent(call -> attributes.put(GenAi.TOOL_CALL_ID, call.id()).put(GenAi.TOOL_NAME, call.name()));
        if (content && verdict instanceof Verdict.Retry retry) {
            attributes.put(Agent4jAttributes.GUARDRAIL_MESSAGE, retry.feedback());
        } else if (content && verdict instanceof Verdict.Stop stop) {
            attributes.put(Agent4jAttributes.GUARDRAIL_MESSAGE, stop.reason());
        }
        return attributes.build();
    }

    static Attributes waiting(int step, List<PendingCall> pending) {
        return Attributes.builder()
                .put(Agent4jAttributes.STEP, (long) step)
                .put(Agent4jAttributes.APPROVAL_CALL_IDS, pending.stream().map(PendingCall::id).toList())
                .put(Agent4jAttributes.APPROVAL_TOOLS, pending.stream().map(PendingCall::tool).toList())
                .build();
    }

    static Attributes decision(int step, ToolCall call, Decision decision) {
        return Attributes.builder()
                .put(Agent4jAttributes.STEP, (long) step)
                .put(GenAi.TOOL_CALL_ID, call.id())
                .put(GenAi.TOOL_NAME, call.name())
                .put(Agent4jAttributes.APPROVAL_APPROVED, decision.approved())
                .build();
    }

    private static String verdictName(Verdict verdict) {
        if (verdict instanceof Verdict.Replace) {
            return "replace";
        } else if (verdict instanceof Verdict.Retry) {
            return "retry";
        } else if (verdict instanceof Verdict.Stop) {
            return "stop";
        }
        return "pass";
    }
}
