package io.agent4j.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.testing.Poll;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallDeadlinesTest {

    @Test
    void aCallPastItsDeadlineIsEndedOnceAndMarked() throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        AtomicInteger endings = new AtomicInteger();
        CallDeadlines.Watch watch = CallDeadlines.watch(TimeUnit.MILLISECONDS.toNanos(30), () -> {
            endings.incrementAndGet();
            ended.countDown();
        });
        assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(watch.expired()).isTrue();
        Thread.sleep(5 * CallDeadlines.TICK_MILLIS);
        assertThat(endings).hasValue(1);
        watch.close();
    }

    @Test
    void aCallThatEndsInTimeIsLeftAlone() throws InterruptedException {
        AtomicInteger endings = new AtomicInteger();
        CallDeadlines.Watch watch = CallDeadlines.watch(TimeUnit.MILLISECONDS.toNanos(50), endings::incrementAndGet);
        watch.close();
        Thread.sleep(10 * CallDeadlines.TICK_MILLIS);
        assertThat(endings).hasValue(0);
        assertThat(watch.expired()).isFalse();
    }

    @Test
    void theWatchingThreadStopsWhenIdleAndComesBackForTheNextCall() throws InterruptedException {
        CallDeadlines.watch(TimeUnit.MILLISECONDS.toNanos(1), () -> { }).close();
        Poll.until("the thread stops after a second with nothing to watch", () -> !sweeperAlive());
        CountDownLatch ended = new CountDownLatch(1);
        CallDeadlines.watch(TimeUnit.MILLISECONDS.toNanos(20), ended::countDown);
        assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static boolean sweeperAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("agent4j-call-deadlines") && thread.isAlive());
    }
}
