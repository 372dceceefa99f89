package io.agent4j.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class UsageTest {

    private static final Usage.Details AUDIO = Usage.Details.builder().promptAudioTokens(1).completionAudioTokens(2)
            .acceptedPredictionTokens(3).rejectedPredictionTokens(4).build();

    @Test
    void theTotalIsPromptPlusCompletionUnlessTheServerSaidOtherwise() {
        assertThat(Usage.builder().promptTokens(10).completionTokens(5).build().totalTokens()).isEqualTo(15);
        assertThat(Usage.of(10, 5)).isEqualTo(Usage.builder().promptTokens(10).completionTokens(5).totalTokens(15)
                .build());
        assertThat(Usage.builder().promptTokens(35).completionTokens(12).totalTokens(109).build().totalTokens())
                .isEqualTo(109);
    }

    @Test
    void aSumAddsEveryCountAndIsUnknownWhenEitherIs() {
        Usage a = Usage.builder().promptTokens(10).completionTokens(5).cachedPromptTokens(4).reasoningTokens(2)
                .details(AUDIO).build();
        Usage b = Usage.builder().promptTokens(20).completionTokens(10).totalTokens(31).cachedPromptTokens(8)
                .reasoningTokens(3).details(AUDIO).build();

        Usage sum = a.plus(b);

        assertThat(sum).isEqualTo(Usage.builder().promptTokens(30).completionTokens(15).totalTokens(46)
                .cachedPromptTokens(12).reasoningTokens(5).details(AUDIO.plus(AUDIO)).build());
        assertThat(sum.details()).isEqualTo(Usage.Details.builder().promptAudioTokens(2).completionAudioTokens(4)
                .acceptedPredictionTokens(6).rejectedPredictionTokens(8).build());
        assertThat(Usage.ZERO.plus(a)).isEqualTo(a);
        assertThat(sum.plus(Usage.UNKNOWN).known()).isFalse();
        assertThat(Usage.UNKNOWN.plus(sum).known()).isFalse();
    }

    @Test
    void equalCountsAreEqualAndToBuilderGivesTheSameUsage() {
        Usage usage = Usage.builder().promptTokens(2006).completionTokens(300).cachedPromptTokens(1920)
                .reasoningTokens(192).details(AUDIO).build();

        assertThat(usage.toBuilder().build()).isEqualTo(usage).hasSameHashCodeAs(usage);
        assertThat(usage.toBuilder().known(false).build()).isNotEqualTo(usage);
        assertThat(usage.toBuilder().details(null).build().details()).isEqualTo(Usage.Details.NONE);
        assertThat(AUDIO.toBuilder().build()).isEqualTo(AUDIO).hasSameHashCodeAs(AUDIO);
        assertThat(Usage.UNKNOWN).isNotEqualTo(Usage.ZERO);
        assertThat(Usage.UNKNOWN.totalTokens()).isZero();
    }

    @Test
    void aNegativeCountFailsAtBuildNamingIt() {
        Usage.Builder builder = Usage.builder().promptTokens(10).cachedPromptTokens(-1);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cachedPromptTokens must not be negative, was -1");
        assertThatThrownBy(() -> Usage.Details.builder().rejectedPredictionTokens(-2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rejectedPredictionTokens must not be negative, was -2");
    }

    @Test
    void jacksonWritesAFieldForEachCount() {
        JsonMapper mapper = JsonMapper.builder().build();

        String json = mapper.writeValueAsString(Usage.builder().promptTokens(10).completionTokens(5).details(AUDIO)
                .build());

        assertThat(mapper.readTree(json)).isEqualTo(mapper.readTree("{\"promptTokens\":10,\"completionTokens\":5,\"totalTokens\":15,"
                + "\"cachedPromptTokens\":0,\"reasoningTokens\":0,\"known\":true,\"details\":{\"promptAudioTokens\":1,"
                + "\"completionAudioTokens\":2,\"acceptedPredictionTokens\":3,\"rejectedPredictionTokens\":4}}"));
    }

    @Test
    void toStringShowsEveryCountByNameAsARecordDoes() {
        assertThat(Usage.of(10, 5).toString()).isEqualTo("Usage[promptTokens=10, completionTokens=5, totalTokens=15, "
                + "cachedPromptTokens=0, reasoningTokens=0, known=true, details=Details[promptAudioTokens=0, "
                + "completionAudioTokens=0, acceptedPredictionTokens=0, rejectedPredictionTokens=0]]");
    }
}
