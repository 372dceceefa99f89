package io.agent4j.opentelemetry;

import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The names of the OpenTelemetry semantic conventions for generative AI that agent4j writes,
 * spelled here rather than taken from the incubating semconv artifact, which is not a stable
 * dependency; SemanticConventionsTest checks each against the published names.
 */
final class GenAi {

    static final AttributeKey<String> OPERATION_NAME = stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER_NAME = stringKey("gen_ai.provider.name");
    static final AttributeKey<String> AGENT_NAME = stringKey("gen_ai.agent.name");
    static final AttributeKey<String> CONVERSATION_ID = stringKey("gen_ai.conversation.id");
    static final AttributeKey<String> REQUEST_MODEL = stringKey("gen_ai.request.model");
    static final AttributeKey<Double> REQUEST_TEMPERATURE = doubleKey("gen_ai.request.temperature");
    static final AttributeKey<Double> REQUEST_TOP_P = doubleKey("gen_ai.request.top_p");
    static final AttributeKey<Long> REQUEST_MAX_TOKENS = longKey("gen_ai.request.max_tokens");
    static final AttributeKey<Long> REQUEST_SEED = longKey("gen_ai.request.seed");
    static final AttributeKey<Double> REQUEST_FREQUENCY_PENALTY = doubleKey("gen_ai.request.frequency_penalty");
    static final AttributeKey<Double> REQUEST_PRESENCE_PENALTY = doubleKey("gen_ai.request.presence_penalty");
    static final AttributeKey<List<String>> REQUEST_STOP_SEQUENCES = stringArrayKey("gen_ai.request.stop_sequences");
    static final AttributeKey<Long> REQUEST_CHOICE_COUNT = longKey("gen_ai.request.choice.count");
    static final AttributeKey<String> OUTPUT_TYPE = stringKey("gen_ai.output.type");
    static final AttributeKey<String> OPENAI_REQUEST_SERVICE_TIER = stringKey("gen_ai.openai.request.service_tier");
    static final AttributeKey<String> RESPONSE_MODEL = stringKey("gen_ai.response.model");
    static final AttributeKey<String> RESPONSE_ID = stringKey("gen_ai.response.id");
    static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS = stringArrayKey("gen_ai.response.finish_reasons");
    static final AttributeKey<String> OPENAI_RESPONSE_SERVICE_TIER = stringKey("gen_ai.openai.response.service_tier");
    static final AttributeKey<String> OPENAI_RESPONSE_SYSTEM_FINGERPRINT =
            stringKey("gen_ai.openai.response.system_fingerprint");
    static final AttributeKey<Long> USAGE_INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<Long> USAGE_CACHE_READ_INPUT_TOKENS = longKey("gen_ai.usage.cache_read.input_tokens");
    static final AttributeKey<Long> USAGE_REASONING_OUTPUT_TOKENS = longKey("gen_ai.usage.reasoning.output_tokens");
    static final AttributeKey<String> TOOL_NAME = stringKey("gen_ai.tool.name");
    static final AttributeKey<String> TOOL_CALL_ID = stringKey("gen_ai.tool.call.id");
    static final AttributeKey<String> TOOL_TYPE = stringKey("gen_ai.tool.type");
    static final AttributeKey<String> TOOL_CALL_ARGUMENTS = stringKey("gen_ai.tool.call.arguments");
    static final AttributeKey<String> TOOL_CALL_RESULT = stringKey("gen_ai.tool.call.result");
    static final AttributeKey<String> INPUT_MESSAGES = stringKey("gen_ai.input.messages");
    static final AttributeKey<String> OUTPUT_MESSAGES = stringKey("gen_ai.output.messages");
    static final AttributeKey<String> TOKEN_TYPE = stringKey("gen_ai.token.type");
    static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
    static final AttributeKey<String> SERVER_ADDRESS = stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = longKey("server.port");

    static final String CHAT = "chat";
    static final String INVOKE_AGENT = "invoke_agent";
    static final String EXECUTE_TOOL = "execute_tool";
    static final String FUNCTION = "function";
    static final String INPUT = "input";
    static final String OUTPUT = "output";
    static final String JSON = "json";
    static final String OPENAI = "openai";
    static final String TOKEN_UNIT = "{token}";
    static final String SECONDS = "s";

    static final String TOKEN_USAGE_METRIC = "gen_ai.client.token.usage";
    static final String OPERATION_DURATION_METRIC = "gen_ai.client.operation.duration";

    /** The conventions' advised bucket boundaries of {@value #TOKEN_USAGE_METRIC}. */
    static final List<Long> TOKEN_BUCKETS = List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L,
            1048576L, 4194304L, 16777216L, 67108864L);

    /** The conventions' advised bucket boundaries of {@value #OPERATION_DURATION_METRIC}, in seconds. */
    static final List<Double> DURATION_BUCKETS = List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56,
            5.12, 10.24, 20.48, 40.96, 81.92);

    private GenAi() {
    }
}
