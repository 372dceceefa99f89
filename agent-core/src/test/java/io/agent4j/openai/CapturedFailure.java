package io.agent4j.openai;

import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * What a call threw, and what was logged while it ran (slf4j-simple writes to System.err), for the
 * tests that look for the key in both.
 *
 * @param thrown what the call threw, or null when it returned
 * @param logs what was written to System.err meanwhile
 */
record CapturedFailure(Throwable thrown, String logs) {

    /** Runs {@code call} with System.err captured. */
    static CapturedFailure of(Callable<?> call) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Throwable thrown;
        try {
            thrown = catchThrowable(call::call);
        } finally {
            System.setErr(original);
        }
        return new CapturedFailure(thrown, captured.toString(StandardCharsets.UTF_8));
    }
}
