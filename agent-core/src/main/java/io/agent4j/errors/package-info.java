/**
 * Every exception agent4j throws: unchecked, all under {@link io.agent4j.errors.Agent4jException},
 * each carrying what the caller needs to act on it (the HTTP status and the API's error code of a
 * model failure, the step, the tool's name, the conversation's id, the transcript so far).
 *
 * <p>This package depends on nothing of agent4j but {@code io.agent4j.chat}'s message types, so
 * that every other package may throw its exceptions.
 */
package io.agent4j.errors;
