package io.agent4j.approval;

import java.util.Objects;

/**
 * A person's decision on a {@link PendingCall}: run it, or do not and tell the model why.
 *
 * @param callId the id of the pending call
 * @param approved whether the call may run
 * @param reason for a rejection, what the model is told (so that it can adapt); may be empty
 */
public record Decision(String callId, boolean approved, String reason) {

    /** Checks the call id is there; a null reason is empty. */
    public Decision {
        Objects.requireNonNull(callId, "callId");
        reason = reason == null ? "" : reason;
    }

    /** Lets the call run. */
    public static Decision approve(String callId) {
        return new Decision(callId, true, "");
    }

    /** Does not run the call; the model is told it was rejected, and {@code reason}. */
    public static Decision reject(String callId, String reason) {
        return new Decision(callId, false, reason);
    }
}
