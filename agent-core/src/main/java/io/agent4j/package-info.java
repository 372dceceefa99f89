/**
 * The front door of agent4j: {@link io.agent4j.Agent} and its builder, {@link io.agent4j.AgentResult},
 * {@link io.agent4j.AgentListener}, and the exceptions, all under {@link io.agent4j.Agent4jException}.
 */
package io.agent4j;
