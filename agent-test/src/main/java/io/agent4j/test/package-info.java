/**
 * agent4j's testing kit: {@link io.agent4j.test.AgentTest} (a JUnit 5 extension over cassettes),
 * {@link io.agent4j.test.ScriptedChatModel}, {@link io.agent4j.test.AgentAssertions} and
 * {@link io.agent4j.test.RecordingListener}.
 */
package io.agent4j.test;
