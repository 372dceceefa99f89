/**
 * Recorded sessions: {@link io.agent4j.replay.RecordingChatModel} writes every exchange of a live
 * session to a JSON file, {@link io.agent4j.replay.ReplayChatModel} serves it back offline and
 * fails clearly when the agent's requests drift from it.
 */
package io.agent4j.replay;
