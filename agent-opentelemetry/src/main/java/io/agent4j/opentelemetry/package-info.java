/**
 * A run as OpenTelemetry spans and metrics, on the semantic conventions for generative AI:
 * {@link io.agent4j.opentelemetry.AgentTelemetry} is the interceptor to give an agent, and
 * {@link io.agent4j.opentelemetry.Agent4jAttributes} names what agent4j records beside the
 * conventions. Only the OpenTelemetry API is used; the application brings the SDK.
 */
package io.agent4j.opentelemetry;
