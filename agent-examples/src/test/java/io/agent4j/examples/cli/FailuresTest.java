package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.chat.UserMessage;
import io.agent4j.chat.Usage;
import io.agent4j.errors.GuardrailException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an exception becomes on stderr and as the exit code, for the exceptions no command line flag
 * can bring about yet: a guardrail's stop (guardrails are registered in code).
 */
class FailuresTest {

    @Test
    void aGuardrailsStopExits8SayingWhichGuardrailWhereAndWhy() {
        GuardrailException stop = new GuardrailException("max-length", "output",
                "the answer has 2,400 characters, more than 2,000", List.of(new UserMessage("Hi")), Usage.ZERO, null);
        StringWriter err = new StringWriter();

        int code = Failures.report(new PrintWriter(err, true), stop, false);

        assertThat(code).isEqualTo(ExitCodes.GUARDRAIL).isEqualTo(8);
        assertThat(err.toString().lines()).containsExactly("agent4j: Guardrail 'max-length' stopped the run at the "
                + "output: the answer has 2,400 characters, more than 2,000");
    }
}
