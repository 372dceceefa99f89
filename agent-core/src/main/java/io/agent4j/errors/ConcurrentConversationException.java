package io.agent4j.errors;

/**
 * Another process (or thread, through another store) wrote to the same conversation while this
 * one was running: its history is no longer the one this run started from. Nothing was
 * interleaved; load the conversation again and resend.
 */
public class ConcurrentConversationException extends Agent4jException {

    /** Creates the exception. */
    public ConcurrentConversationException(String message) {
        super(message);
    }
}
