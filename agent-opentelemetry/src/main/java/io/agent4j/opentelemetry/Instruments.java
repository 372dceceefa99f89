package io.agent4j.opentelemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.math.BigDecimal;

/** The metrics: the conventions' token usage and operation duration, and agent4j's tool calls and cost. */
final class Instruments {

    private final LongHistogram tokenUsage;
    private final DoubleHistogram operationDuration;
    private final DoubleHistogram toolDuration;
    private final LongCounter toolErrors;
    private final DoubleCounter cost;

    Instruments(Meter meter) {
        tokenUsage = meter.histogramBuilder(GenAi.TOKEN_USAGE_METRIC).ofLongs().setUnit(GenAi.TOKEN_UNIT)
                .setDescription("Number of input and output tokens used.")
                .setExplicitBucketBoundariesAdvice(GenAi.TOKEN_BUCKETS).build();
        operationDuration = meter.histogramBuilder(GenAi.OPERATION_DURATION_METRIC).setUnit(GenAi.SECONDS)
                .setDescription("GenAI operation duration.")
                .setExplicitBucketBoundariesAdvice(GenAi.DURATION_BUCKETS).build();
        toolDuration = meter.histogramBuilder(Agent4jAttributes.TOOL_DURATION_METRIC).setUnit(GenAi.SECONDS)
                .setDescription("Duration of agent4j tool calls.")
                .setExplicitBucketBoundariesAdvice(GenAi.DURATION_BUCKETS).build();
        toolErrors = meter.counterBuilder(Agent4jAttributes.TOOL_ERRORS_METRIC).setUnit("{call}")
                .setDescription("Tool calls that failed.").build();
        cost = meter.counterBuilder(Agent4jAttributes.COST_METRIC).ofDoubles().setUnit("USD")
                .setDescription("What agent4j runs cost, in US dollars.").build();
    }

    /** One model call: its duration, and its tokens when the server reported them. */
    void modelCall(Attributes common, long nanos, long inputTokens, long outputTokens, boolean usageKnown) {
        operationDuration.record(seconds(nanos), common);
        if (usageKnown) {
            AttributesBuilder tokens = common.toBuilder();
            tokenUsage.record(inputTokens, tokens.put(GenAi.TOKEN_TYPE, GenAi.INPUT).build());
            tokenUsage.record(outputTokens, tokens.put(GenAi.TOKEN_TYPE, GenAi.OUTPUT).build());
        }
    }

    /** One tool call; {@code errorType} is null when it succeeded. */
    void toolCall(String tool, long nanos, String errorType) {
        AttributesBuilder attributes = Attributes.builder().put(GenAi.TOOL_NAME, tool);
        if (errorType != null) {
            attributes.put(GenAi.ERROR_TYPE, errorType);
            toolErrors.add(1, attributes.build());
        }
        toolDuration.record(seconds(nanos), attributes.build());
    }

    void cost(BigDecimal usd, Attributes attributes) {
        cost.add(usd.doubleValue(), attributes);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
