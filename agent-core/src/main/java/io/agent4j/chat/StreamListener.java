package io.agent4j.chat;

/**
 * What a model call tells as it goes: the text of a streamed answer as it arrives, before the whole
 * response is assembled, and each retry of the call.
 */
@FunctionalInterface
public interface StreamListener {

    /** A listener that ignores everything. */
    StreamListener NONE = delta -> {
    };

    /** A piece of the answer's text; the pieces in order make up the message's content. */
    void onText(String delta);

    /** The call failed and is about to be sent again; nothing of the failed attempt was delivered. */
    default void onRetry(Retry retry) {
    }
}
