/**
 * Guardrails: plain Java checks registered on an agent that see the user's message
 * ({@link io.agent4j.guardrail.InputGuardrail}), each tool call and result
 * ({@link io.agent4j.guardrail.ToolGuardrail}) and the final answer
 * ({@link io.agent4j.guardrail.OutputGuardrail}), and decide a {@link io.agent4j.guardrail.Verdict}:
 * pass, replace, retry, or stop. {@link io.agent4j.guardrail.Guardrails} holds ready ones.
 */
package io.agent4j.guardrail;
