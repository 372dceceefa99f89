/**
 * Exact decimal arithmetic for agents: {@link io.agent4j.tools.math.Calculator} evaluates
 * expressions with {@link java.math.BigDecimal}, so the model never has to compute in its head.
 */
package io.agent4j.tools.math;
