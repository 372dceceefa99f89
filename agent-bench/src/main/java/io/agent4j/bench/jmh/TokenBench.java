package io.agent4j.bench.jmh;

import io.agent4j.chat.Message;
import io.agent4j.memory.TokenCounter;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Token counting of the 20-message conversation with jtokkit's o200k_base, as token-window memory
 * does: the first time (copies of the messages, made afresh before each call, which the counter
 * has not seen) and again (the same messages, whose counts the shared counter remembers).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TokenBench {

    private TokenCounter counter;
    private List<Message> messages;
    private List<Message> unseen;

    @Setup
    public void setUp() {
        counter = TokenCounter.forModel("gpt-4o-mini");
        messages = Fixtures.conversation();
        counter.countMessages(messages);
    }

    /** New message objects equal to the conversation's: the counter remembers counts by identity. */
    @Setup(Level.Invocation)
    public void copyMessages() {
        unseen = messages.stream().map(TokenBench::copy).toList();
    }

    @Benchmark
    public int countMessages() {
        return counter.countMessages(unseen);
    }

    @Benchmark
    public int countMessagesAgain() {
        return counter.countMessages(messages);
    }

    private static Message copy(Message message) {
        RecordComponent[] components = message.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                values[i] = components[i].getAccessor().invoke(message);
                types[i] = components[i].getType();
            }
            return (Message) message.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + message, e);
        }
    }
}
