/**
 * The front door of agent4j: {@link io.agent4j.Agent} and its builder, {@link io.agent4j.Conversation},
 * {@link io.agent4j.AgentResult}, {@link io.agent4j.AgentListener} and {@link io.agent4j.StreamHandler}.
 * What a run or a registration can throw is in {@link io.agent4j.errors}.
 */
package io.agent4j;
