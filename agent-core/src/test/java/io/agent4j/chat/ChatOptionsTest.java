package io.agent4j.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ChatOptionsTest {

    /** Every value set, each to something other than its default. */
    private static ChatOptions everything() {
        return ChatOptions.builder().model("gpt-4o").temperature(0.2).topP(0.9).maxTokens(100).stop(List.of("END"))
                .seed(7L).toolChoice(ToolChoice.REQUIRED).parallelToolCalls(false)
                .responseFormat(ResponseFormat.jsonObject()).user("u-1").frequencyPenalty(0.5).presencePenalty(-0.5)
                .logitBias(Map.of(50256, -100)).reasoningEffort("low").verbosity("high").serviceTier("flex")
                .logprobs(true).topLogprobs(2).metadata(Map.of("app", "demo")).store(false).safetyIdentifier("h-1")
                .promptCacheKey("k-1").prediction("draft").n(2).extraBody(Map.of("top_k", 40)).build();
    }

    @Test
    void aListOptionTakesAListAndVarargsAlikeAndNullUnsets() {
        ChatOptions both = ChatOptions.builder().stop("END", "STOP").temperature(0.5).build();

        assertThat(both).isEqualTo(ChatOptions.builder().stop(List.of("END", "STOP")).temperature(0.5).build());
        assertThat(both.toBuilder().stop((List<String>) null).temperature(null).build()).isEqualTo(ChatOptions.NONE);
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readValue(json.writeValueAsString(both), ChatOptions.class)).isEqualTo(both);
    }

    @Test
    void optionsWithTheSameValuesAreEqualAndHashAlike() {
        assertThat(everything()).isEqualTo(everything()).hasSameHashCodeAs(everything());
        assertThat(everything()).isNotEqualTo(everything().toBuilder().n(3).build());
        assertThat(everything()).isNotEqualTo(everything().toBuilder().extraBody(Map.of("top_k", 41)).build());
        assertThat(ChatOptions.builder().build()).isEqualTo(ChatOptions.NONE);
    }

    @Test
    void toBuilderGivesTheSameOptionsAndAVariantLeavesTheOriginalAlone() {
        ChatOptions options = everything();

        assertThat(options.toBuilder().build()).isEqualTo(options);
        ChatOptions colder = options.toBuilder().temperature(0.0).build();
        assertThat(colder.temperature()).isEqualTo(0.0);
        assertThat(options.temperature()).isEqualTo(0.2);
        assertThat(colder.toBuilder().temperature(0.2).build()).isEqualTo(options);
    }

    @Test
    void aValueOutOfRangeFailsAtBuildNamingTheParameterItsValueAndTheRange() {
        ChatOptions.Builder builder = ChatOptions.builder().temperature(3.0);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("temperature must be between 0 and 2, was 3.0");
        assertThat(builder.temperature(1.0).build().temperature()).isEqualTo(1.0);
    }

    @Test
    void whatTheBuilderIsGivenIsCopiedAtBuild() {
        List<String> stop = new ArrayList<>(List.of("END"));
        ChatOptions.Builder builder = ChatOptions.builder().stop(stop).extraBody(Map.of("kwargs", Map.of("x", 1)));
        ChatOptions options = builder.build();

        stop.add("STOP");
        builder.seed(1L);
        ((ObjectNode) options.extraBody().get("kwargs")).put("x", 2);

        assertThat(options.stop()).containsExactly("END");
        assertThat(options.seed()).isNull();
        assertThatThrownBy(() -> options.stop().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(options.extraBody().get("kwargs").get("x").asInt()).isEqualTo(1);
    }

    @Test
    void overridesReplaceWhatTheySetAndMergeTheExtraBodyKeyByKey() {
        ChatOptions base = ChatOptions.builder().model("gpt-4o").temperature(0.7).extraBody(Map.of("a", 1, "b", 2))
                .build();
        ChatOptions overrides = ChatOptions.builder().temperature(0.0).seed(3L).extraBody(Map.of("b", 20)).build();

        ChatOptions both = base.withOverrides(overrides);

        assertThat(both).isEqualTo(ChatOptions.builder().model("gpt-4o").temperature(0.0).seed(3L)
                .extraBody(Map.of("a", 1, "b", 20)).build());
        assertThat(base.withOverrides(ChatOptions.NONE)).isSameAs(base);
        assertThatThrownBy(() -> ChatOptions.builder().logprobs(false).build()
                .withOverrides(ChatOptions.builder().topLogprobs(3).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("topLogprobs needs logprobs");
    }

    @Test
    void jacksonWritesAFieldForEachValueAndReadsTheOptionsBack() {
        JsonMapper mapper = JsonMapper.builder().build();

        JsonNode json = mapper.valueToTree(everything());

        assertThat(json.path("topP").asDouble()).isEqualTo(0.9);
        assertThat(json.path("toolChoice").path("mode").asString()).isEqualTo("required");
        assertThat(json.path("extraBody").path("top_k").asInt()).isEqualTo(40);
        assertThat(json.properties()).hasSize(25);
        assertThat(mapper.treeToValue(json, ChatOptions.class)).isEqualTo(everything());
        assertThat(mapper.readValue("{\"seed\":7}", ChatOptions.class)).isEqualTo(ChatOptions.builder().seed(7L)
                .build());
    }

    @Test
    void toStringShowsEveryValueByNameAsARecordDoes() {
        String text = ChatOptions.builder().model("gpt-4o").seed(7L).build().toString();

        assertThat(text).startsWith("ChatOptions[model=gpt-4o, temperature=null, topP=null, ")
                .contains(", seed=7, ").endsWith(", n=null, extraBody=null]");
        assertThat(ChatOptions.NONE.toString().split("=null")).hasSize(25 + 1);
    }
}
