package io.agent4j.test;

import io.agent4j.AgentResult;
import io.agent4j.TypedResult;

/**
 * The entry point of the kit's AssertJ assertions, to import statically beside AssertJ's own:
 *
 * <pre>{@code
 * AgentAssertions.assertThat(result).calledTools("add").hasText("3").hasNoToolErrors();
 * }</pre>
 */
public final class AgentAssertions {

    private AgentAssertions() {
    }

    /** Assertions over a run's result: its tool calls, steps, answer, usage and cost. */
    public static AgentResultAssert assertThat(AgentResult actual) {
        return new AgentResultAssert(actual);
    }

    /** Assertions over a typed run's result: its value, and everything of {@link #assertThat(AgentResult)}. */
    public static <T> TypedResultAssert<T> assertThat(TypedResult<T> actual) {
        return new TypedResultAssert<>(actual);
    }

    /** Assertions over the events a {@link RecordingListener} kept. */
    public static EventsAssert assertThat(RecordingListener actual) {
        return new EventsAssert(actual);
    }
}
