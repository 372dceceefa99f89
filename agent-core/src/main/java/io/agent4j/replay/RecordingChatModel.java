package io.agent4j.replay;

import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatModel;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.StreamListener;
import io.agent4j.chat.StructuredOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Records every request and response that passes through it to a JSON file, for later replay with
 * {@link ReplayChatModel}. The file is rewritten after each exchange, so a session that fails
 * half-way keeps its completed steps. Requests carry no credentials, so no key is ever written.
 *
 * <pre>{@code
 * ChatModel model = new RecordingChatModel(OpenAiChatModel.fromEnv(), Path.of("session.json"));
 * }</pre>
 */
public final class RecordingChatModel implements ChatModel {

    private final ChatModel delegate;
    private final Path file;
    private final List<Exchange> exchanges = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();

    /** Records the traffic of {@code delegate} to {@code file}, replacing what the file held. */
    public RecordingChatModel(ChatModel delegate, Path file) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return record(request, delegate.chat(request));
    }

    @Override
    public ChatResponse chat(ChatRequest request, StreamListener events, Cancellation cancellation) {
        return record(request, delegate.chat(request, events, cancellation));
    }

    /** The recorded model's. */
    @Override
    public StructuredOutput structuredOutput() {
        return delegate.structuredOutput();
    }

    /** The recorded model's. */
    @Override
    public String model() {
        return delegate.model();
    }

    /** The recorded model's. */
    @Override
    public boolean acceptsImages() {
        return delegate.acceptsImages();
    }

    @Override
    public ChatResponse stream(ChatRequest request, StreamListener listener, Cancellation cancellation) {
        return record(request, delegate.stream(request, listener, cancellation));
    }

    private ChatResponse record(ChatRequest request, ChatResponse response) {
        // a lock rather than a monitor: on Java 21 to 23 a virtual thread writing inside one holds its carrier
        lock.lock();
        try {
            exchanges.add(new Exchange(request, response));
            RecordingFile.write(file, exchanges);
        } finally {
            lock.unlock();
        }
        return response;
    }

    /** The exchanges recorded so far. */
    public List<Exchange> exchanges() {
        lock.lock();
        try {
            return List.copyOf(exchanges);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "RecordingChatModel[" + delegate + " -> " + file + "]";
    }
}
