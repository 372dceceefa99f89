package io.agent4j.test.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {

    private final Redaction redaction = Redaction.of(List.of("MY_KEY", "UNSET"), Map.of("MY_KEY", "hunter2-secret"),
            List.of("\\d{4}-\\d{2}-\\d{2}"));

    @Test
    void secretsAreReplacedByValueByShapeAndByTheUsersPatterns() {
        assertThat(redaction.apply("key hunter2-secret, sk-proj-abcdefghijklmnop0123, on 2026-12-01"))
                .isEqualTo("key [REDACTED], [REDACTED], on [REDACTED]");
        assertThat(redaction.apply("Authorization: Bearer abc.def.ghi-jklmnop"))
                .isEqualTo("Authorization: Bearer [REDACTED]");
        assertThat(redaction.apply("{\"OpenAI-Organization\": \"org-abcdefghijklmnop\", \"api_key\": \"xyz12345\"}"))
                .isEqualTo("{\"OpenAI-Organization\": \"[REDACTED]\", \"api_key\": \"[REDACTED]\"}");
        assertThat(redaction.apply("the org org-abcdefghijklmnopqrst")).isEqualTo("the org org-[REDACTED]");
    }

    @Test
    void redactingTwiceChangesNothingMore() {
        String once = redaction.apply("Authorization: Bearer abcdefghijklmnop OpenAI-Project: proj_123");

        assertThat(redaction.apply(once)).isEqualTo(once).isEqualTo("Authorization: Bearer [REDACTED] "
                + "OpenAI-Project: [REDACTED]");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        assertThat(redaction.apply("What is 19 + 23? The author is here.")).isEqualTo("What is 19 + 23? The author is here.");
    }

    @Test
    void aPatternThatIsNoRegularExpressionIsRefusedNamingIt() {
        assertThatThrownBy(() -> Redaction.of(List.of(), Map.of(), List.of("acct-(")))
                .hasMessageContaining("@AgentTest(redact = ...) holds \"acct-(\", which is not a regular expression");
    }
}
