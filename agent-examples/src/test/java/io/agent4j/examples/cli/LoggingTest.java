package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.openai.OpenAiChatModel;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command line's logging binding is slf4j-simple, configured by {@code simplelogger.properties}. */
class LoggingTest {

    @Test
    void warningsAreOnAndDebugIsOffByDefault() {
        Logger log = LoggerFactory.getLogger("io.agent4j.memory.JdbcConversationStore");

        assertThat(log.getClass().getName()).isEqualTo("org.slf4j.simple.SimpleLogger");
        assertThat(log.isWarnEnabled()).isTrue();
        assertThat(log.isInfoEnabled()).isFalse();
        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger(OpenAiChatModel.WIRE_LOGGER).isDebugEnabled()).isFalse();
    }

    @Test
    void theClientsRetryWarningsAreOffSinceTheCommandLineShowsEachRetryItself() {
        Logger log = LoggerFactory.getLogger(OpenAiChatModel.class);

        assertThat(log.isWarnEnabled()).isFalse();
        assertThat(log.isErrorEnabled()).isTrue();
    }
}
