package io.agent4j.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes.GenAiOperationNameIncubatingValues;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes.GenAiProviderNameIncubatingValues;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes.GenAiTokenTypeIncubatingValues;
import io.opentelemetry.semconv.incubating.GenAiIncubatingMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The names agent4j writes are the conventions' published ones: every attribute of {@link GenAi} is
 * a key of the semconv artifacts (the same name and type) or, for the structured attributes those
 * artifacts leave out, of the registry's list copied into a test resource; the metrics' names and
 * units and the attribute values are the artifacts' too; agent4j's own names stay under
 * {@code agent4j.}.
 */
class SemanticConventionsTest {

    private static List<AttributeKey<?>> keys(Class<?> type) throws IllegalAccessException {
        List<AttributeKey<?>> keys = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && AttributeKey.class.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                keys.add((AttributeKey<?>) field.get(null));
            }
        }
        return keys;
    }

    private static List<String> anyTypedNames() throws IOException {
        try (InputStream in = SemanticConventionsTest.class.getResourceAsStream("/semconv-gen-ai-any-attributes.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
    }

    @Test
    void everyConventionAttributeIsPublishedUnderItsNameAndType() throws Exception {
        Map<String, AttributeKey<?>> published = new HashMap<>();
        keys(GenAiIncubatingAttributes.class).forEach(key -> published.put(key.getKey(), key));
        published.put(ErrorAttributes.ERROR_TYPE.getKey(), ErrorAttributes.ERROR_TYPE);
        published.put(ServerAttributes.SERVER_ADDRESS.getKey(), ServerAttributes.SERVER_ADDRESS);
        published.put(ServerAttributes.SERVER_PORT.getKey(), ServerAttributes.SERVER_PORT);
        List<String> anyTyped = anyTypedNames();

        List<AttributeKey<?>> ours = keys(GenAi.class);
        assertThat(ours).hasSizeGreaterThan(30);
        for (AttributeKey<?> key : ours) {
            if (anyTyped.contains(key.getKey())) {
                continue;
            }
            assertThat(published).as("published conventions").containsKey(key.getKey());
            assertThat(key.getType()).as(key.getKey()).isEqualTo(published.get(key.getKey()).getType());
        }
        assertThat(ours).extracting(AttributeKey::getKey).contains("gen_ai.input.messages", "gen_ai.output.messages",
                "gen_ai.tool.call.arguments", "gen_ai.tool.call.result");
    }

    @Test
    void theValuesWrittenAreTheConventionsValues() {
        assertThat(GenAi.CHAT).isEqualTo(GenAiOperationNameIncubatingValues.CHAT);
        assertThat(GenAi.INVOKE_AGENT).isEqualTo(GenAiOperationNameIncubatingValues.INVOKE_AGENT);
        assertThat(GenAi.EXECUTE_TOOL).isEqualTo(GenAiOperationNameIncubatingValues.EXECUTE_TOOL);
        assertThat(GenAi.INPUT).isEqualTo(GenAiTokenTypeIncubatingValues.INPUT);
        assertThat(GenAi.OUTPUT).isEqualTo(GenAiTokenTypeIncubatingValues.OUTPUT);
        assertThat(GenAi.OPENAI).isEqualTo(GenAiProviderNameIncubatingValues.OPENAI);
    }

    @Test
    void theMetricsAreTheConventionsNamesAndUnits() {
        assertThat(GenAi.TOKEN_USAGE_METRIC).isEqualTo(GenAiIncubatingMetrics.GEN_AI_CLIENT_TOKEN_USAGE_NAME);
        assertThat(GenAi.OPERATION_DURATION_METRIC)
                .isEqualTo(GenAiIncubatingMetrics.GEN_AI_CLIENT_OPERATION_DURATION_NAME);
        assertThat(GenAi.TOKEN_UNIT).isEqualTo(GenAiIncubatingMetrics.GEN_AI_CLIENT_TOKEN_USAGE_UNIT);
        assertThat(GenAi.SECONDS).isEqualTo(GenAiIncubatingMetrics.GEN_AI_CLIENT_OPERATION_DURATION_UNIT);
    }

    @Test
    void agent4jsOwnNamesAreItsOwnAndNotTheConventions() throws Exception {
        List<String> published = keys(GenAiIncubatingAttributes.class).stream().map(AttributeKey::getKey).toList();
        List<String> own = new ArrayList<>();
        keys(Agent4jAttributes.class).forEach(key -> own.add(key.getKey()));
        for (Field field : Agent4jAttributes.class.getFields()) {
            if (field.getType() == String.class) {
                own.add((String) field.get(null));
            }
        }
        assertThat(own).hasSizeGreaterThan(20).allSatisfy(name -> assertThat(name).startsWith("agent4j."))
                .doesNotHaveDuplicates().doesNotContainAnyElementsOf(published);
        assertThat(Arrays.stream(Agent4jAttributes.class.getFields()).map(Field::getName))
                .doesNotHaveDuplicates();
    }
}
