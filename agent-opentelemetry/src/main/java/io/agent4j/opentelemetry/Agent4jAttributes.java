package io.agent4j.opentelemetry;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The attributes, span events and metrics agent4j records where the GenAI semantic conventions
 * have none, all under {@code agent4j.}; the conventions' own ({@code gen_ai.*}, {@code error.type})
 * are written as the conventions name them.
 */
public final class Agent4jAttributes {

    /** The run's id, on the run's span: what {@code agent.resume(runId, decisions)} takes. */
    public static final AttributeKey<String> RUN_ID = stringKey("agent4j.run.id");

    /** Whether the run is a resumed one, on the run's span. */
    public static final AttributeKey<Boolean> RUN_RESUMED = booleanKey("agent4j.run.resumed");

    /** How many model calls the run made, on the run's span. */
    public static final AttributeKey<Long> RUN_STEPS = longKey("agent4j.run.steps");

    /** How many times the final answer was sent back to the model (a schema check, an output guardrail). */
    public static final AttributeKey<Long> RUN_REPAIRS = longKey("agent4j.run.repairs");

    /** Whether the run stopped to wait for a person's approval of tool calls, on the run's span. */
    public static final AttributeKey<Boolean> RUN_WAITING_FOR_APPROVAL = booleanKey("agent4j.run.waiting_for_approval");

    /** What the run's tokens cost in US dollars, on the run's span; absent when a model's price is not known. */
    public static final AttributeKey<Double> COST_USD = doubleKey("agent4j.cost.usd");

    /** The step of a model or tool call, counted from 1, on its span. */
    public static final AttributeKey<Long> STEP = longKey("agent4j.step");

    /** Span event of a model call that failed and is sent again. */
    public static final String RETRY_EVENT = "agent4j.retry";

    /** The retry's number, counted from 1, on a {@value #RETRY_EVENT} event. */
    public static final AttributeKey<Long> RETRY_ATTEMPT = longKey("agent4j.retry.attempt");

    /** How many retries the model makes at most, on a {@value #RETRY_EVENT} event. */
    public static final AttributeKey<Long> RETRY_MAX = longKey("agent4j.retry.max");

    /** Why the call is sent again (such as {@code HTTP 503}), on a {@value #RETRY_EVENT} event. */
    public static final AttributeKey<String> RETRY_REASON = stringKey("agent4j.retry.reason");

    /** How long the model waits before it sends the call again, in seconds, on a {@value #RETRY_EVENT} event. */
    public static final AttributeKey<Double> RETRY_DELAY = doubleKey("agent4j.retry.delay");

    /** Span event of a guardrail's decision (a typed answer's schema check included). */
    public static final String GUARDRAIL_EVENT = "agent4j.guardrail";

    /** The guardrail's name, on a {@value #GUARDRAIL_EVENT} event. */
    public static final AttributeKey<String> GUARDRAIL_NAME = stringKey("agent4j.guardrail.name");

    /** What it checked: {@code input}, {@code tool call}, {@code tool result} or {@code output}. */
    public static final AttributeKey<String> GUARDRAIL_STAGE = stringKey("agent4j.guardrail.stage");

    /** What it decided: {@code pass}, {@code replace}, {@code retry} or {@code stop}. */
    public static final AttributeKey<String> GUARDRAIL_VERDICT = stringKey("agent4j.guardrail.verdict");

    /** The feedback of a retry or the reason of a stop; recorded only with message content captured. */
    public static final AttributeKey<String> GUARDRAIL_MESSAGE = stringKey("agent4j.guardrail.message");

    /** Span event of a run that stops to wait for a person's approval of tool calls. */
    public static final String APPROVAL_WAITING_EVENT = "agent4j.approval.waiting";

    /** The ids of the calls that wait, on an {@value #APPROVAL_WAITING_EVENT} event. */
    public static final AttributeKey<List<String>> APPROVAL_CALL_IDS = stringArrayKey("agent4j.approval.call_ids");

    /** The tools of the calls that wait, on an {@value #APPROVAL_WAITING_EVENT} event. */
    public static final AttributeKey<List<String>> APPROVAL_TOOLS = stringArrayKey("agent4j.approval.tools");

    /** Span event of a person's decision that a resumed run applies. */
    public static final String APPROVAL_DECISION_EVENT = "agent4j.approval.decision";

    /** Whether the call was approved, on an {@value #APPROVAL_DECISION_EVENT} event. */
    public static final AttributeKey<Boolean> APPROVAL_APPROVED = booleanKey("agent4j.approval.approved");

    /** Metric: the duration of tool calls in seconds, by {@code gen_ai.tool.name} (and {@code error.type}). */
    public static final String TOOL_DURATION_METRIC = "agent4j.client.tool.duration";

    /** Metric: the tool calls that failed, by {@code gen_ai.tool.name} and {@code error.type}. */
    public static final String TOOL_ERRORS_METRIC = "agent4j.client.tool.errors";

    /** Metric: what runs cost in US dollars, by {@code gen_ai.agent.name} and {@code gen_ai.request.model}. */
    public static final String COST_METRIC = "agent4j.client.cost";

    private Agent4jAttributes() {
    }
}
