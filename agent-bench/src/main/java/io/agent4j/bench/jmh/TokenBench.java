package io.agent4j.bench.jmh;

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

/** Token counting of the 20-message conversation with jtokkit's o200k_base, as token-window memory does. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TokenBench {

    private TokenCounter counter;
    private List<Message> messages;

    @Setup
    public void setUp() {
        counter = TokenCounter.forModel("gpt-4o-mini");
        messages = Fixtures.conversation();
    }

    @Benchmark
    public int countMessages() {
        return counter.countMessages(messages);
    }
}
