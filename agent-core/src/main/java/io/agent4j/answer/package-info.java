/**
 * Typed answers: the model's final answer as a Java value, checked before it is trusted.
 * {@link io.agent4j.answer.AnswerType} holds a type and its JSON schema, {@link io.agent4j.answer.TypeRef}
 * captures a generic type; {@code Agent.run(prompt, Invoice.class)} returns a
 * {@link io.agent4j.TypedResult}.
 */
package io.agent4j.answer;
