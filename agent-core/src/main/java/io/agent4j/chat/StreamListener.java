package io.agent4j.chat;

/** Receives the text of a streamed answer as it arrives, before the whole response is assembled. */
@FunctionalInterface
public interface StreamListener {

    /** A piece of the answer's text; the pieces in order make up the message's content. */
    void onText(String delta);
}
