package io.agent4j.approval;

import java.util.Objects;

/**
 * A tool call that waits for a person's decision before it runs.
 *
 * @param id the call's id, which a {@link Decision} names
 * @param tool the tool's name
 * @param arguments the arguments as the model wrote them (JSON)
 * @param reason why the call needs approval: the tool's declared reason, or the policy's
 */
public record PendingCall(String id, String tool, String arguments, String reason) {

    /** Checks every part is there. */
    public PendingCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(reason, "reason");
    }
}
