package io.agent4j.bench.jmh;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.agent4j.chat.Message;
import io.agent4j.memory.TokenCounter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Token counting of the 20-message conversation with jtokkit's o200k_base, as token-window memory
 * does: the first time (a counter that has seen none of the messages) and again (the shared
 * counter, which remembers each message's count).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TokenBench {

    private TokenCounter counter;
    private Encoding encoding;
    private List<Message> messages;

    @Setup
    public void setUp() {
        counter = TokenCounter.forModel("gpt-4o-mini");
        encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        messages = Fixtures.conversation();
        counter.countMessages(messages);
    }

    @Benchmark
    public int countMessages() {
        return TokenCounter.of(encoding).countMessages(messages);
    }

    @Benchmark
    public int countMessagesAgain() {
        return counter.countMessages(messages);
    }
}
