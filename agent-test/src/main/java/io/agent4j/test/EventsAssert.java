package io.agent4j.test;

import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/**
 * Assertions over the events a {@link RecordingListener} kept, from
 * {@link AgentAssertions#assertThat(RecordingListener)}.
 */
public class EventsAssert extends AbstractAssert<EventsAssert, RecordingListener> {

    EventsAssert(RecordingListener actual) {
        super(actual, EventsAssert.class);
    }

    /** AssertJ's list assertions over the events' {@linkplain AgentEvent#kind() kinds}, in order. */
    public ListAssert<String> kinds() {
        isNotNull();
        return Assertions.assertThat(actual.events().stream().map(AgentEvent::kind).toList()).as("the events");
    }

    /** AssertJ's list assertions over the events themselves. */
    public ListAssert<AgentEvent> events() {
        isNotNull();
        return Assertions.assertThat(actual.events()).as("the events");
    }

    /** These tools finished, in this order. */
    public EventsAssert ranTools(String... names) {
        isNotNull();
        List<String> ran = actual.events(AgentEvent.ToolFinished.class).stream().map(e -> e.call().name()).toList();
        if (!ran.equals(Arrays.asList(names))) {
            failWithMessage("Expected the tools %s to run in this order, but %s ran", Arrays.asList(names), ran);
        }
        return this;
    }

    /** No tool call finished with a failed result. */
    public EventsAssert hasNoToolErrors() {
        isNotNull();
        List<String> failed = actual.events(AgentEvent.ToolFinished.class).stream()
                .filter(e -> e.result().failed())
                .map(e -> "step " + e.step() + ", " + e.call().name() + ": " + e.result().content())
                .toList();
        if (!failed.isEmpty()) {
            failWithMessage("Expected no tool errors, but %s call(s) failed:%n  %s", failed.size(),
                    String.join(System.lineSeparator() + "  ", failed));
        }
        return this;
    }

    /** The model calls were retried exactly {@code retries} times in all. */
    public EventsAssert hasRetries(int retries) {
        isNotNull();
        int seen = actual.events(AgentEvent.Retried.class).size();
        if (seen != retries) {
            failWithMessage("Expected %s retr%s, but there were %s", retries, retries == 1 ? "y" : "ies", seen);
        }
        return this;
    }

    /** The last run ended with a result. */
    public EventsAssert finished() {
        isNotNull();
        List<AgentEvent> events = actual.events();
        if (events.isEmpty() || !(events.get(events.size() - 1) instanceof AgentEvent.Finished)) {
            failWithMessage("Expected the run to finish, but its last event was %s",
                    events.isEmpty() ? "none" : events.get(events.size() - 1));
        }
        return this;
    }

    /** The last run ended with an exception of this type. */
    public EventsAssert failedWith(Class<? extends Throwable> type) {
        isNotNull();
        List<AgentEvent> events = actual.events();
        AgentEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
        if (!(last instanceof AgentEvent.Failed failed) || !type.isInstance(failed.error())) {
            failWithMessage("Expected the run to fail with %s, but its last event was %s", type.getSimpleName(),
                    last == null ? "none" : last);
        }
        return this;
    }
}
