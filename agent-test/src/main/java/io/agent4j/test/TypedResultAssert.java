package io.agent4j.test;

import io.agent4j.TypedResult;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ObjectAssert;

/**
 * Assertions over a typed run's result, from {@link AgentAssertions#assertThat(TypedResult)}.
 *
 * @param <T> the answer's type
 */
public class TypedResultAssert<T> extends AbstractAssert<TypedResultAssert<T>, TypedResult<T>> {

    TypedResultAssert(TypedResult<T> actual) {
        super(actual, TypedResultAssert.class);
    }

    /** The answer's value equals {@code expected}. */
    public TypedResultAssert<T> hasValue(T expected) {
        isNotNull();
        if (!Objects.equals(actual.value(), expected)) {
            failWithMessage("Expected the typed answer%n  %s%nbut it was%n  %s", expected, actual.value());
        }
        return this;
    }

    /** The run needed at most {@code repairs} repairs of an answer that did not fit the type. */
    public TypedResultAssert<T> hasAtMostRepairs(int repairs) {
        isNotNull();
        if (actual.repairs() > repairs) {
            failWithMessage("Expected at most %s repair(s) of the answer, but there were %s", repairs, actual.repairs());
        }
        return this;
    }

    /** AssertJ's assertions over the value: {@code value().extracting(Invoice::total)...}. */
    public ObjectAssert<T> value() {
        isNotNull();
        return Assertions.assertThat(actual.value());
    }

    /** The assertions over the run behind the value: its tools, steps, usage and cost. */
    public AgentResultAssert result() {
        isNotNull();
        return new AgentResultAssert(actual.result());
    }
}
