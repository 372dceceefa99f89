package io.agent4j.tool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.testing.Poll;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PreparedTest {

    @Test
    void theValueIsMadeOnceAndSharedByEveryCaller() {
        AtomicInteger made = new AtomicInteger();
        Prepared<String> prepared = Prepared.inBackground(() -> "value " + made.incrementAndGet());
        assertThat(prepared.get()).isEqualTo("value 1");
        assertThat(prepared.get()).isEqualTo("value 1");
        assertThat(made).hasValue(1);
    }

    @Test
    void aCallerWhoseValueIsStillQueuedMakesItItself() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Prepared<String> blocker = Prepared.inBackground(() -> {
            release.await(10, TimeUnit.SECONDS);
            return "late";
        });
        Prepared<String> queued = Prepared.inBackground(() -> Thread.currentThread().getName());
        try {
            assertThat(queued.get()).isEqualTo(Thread.currentThread().getName());
        } finally {
            release.countDown();
        }
        assertThat(blocker.get()).isEqualTo("late");
    }

    @Test
    void whatMakingTheValueThrewIsThrownToEveryCaller() {
        IllegalArgumentException failure = new IllegalArgumentException("bad schema");
        Prepared<String> prepared = Prepared.inBackground(() -> {
            throw failure;
        });
        assertThatThrownBy(prepared::get).isSameAs(failure);
        assertThatThrownBy(prepared::get).isSameAs(failure);
        assertThatThrownBy(Prepared.now(() -> {
            throw new java.io.IOException("disk");
        })::get).isInstanceOf(IllegalStateException.class).hasRootCauseMessage("disk");
    }

    @Test
    void waitingIsNotInterruptedButTheInterruptIsKept() {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Prepared<String> prepared = Prepared.inBackground(() -> {
            started.countDown();
            release.await(30, TimeUnit.SECONDS);
            return "done";
        });
        Thread waiter = Thread.currentThread();
        Thread releaser = new Thread(() -> {
            // the work ends only once this thread waits for it, interrupted
            Poll.until("the test's thread waits in get()", () -> waiter.getState() == Thread.State.WAITING
                    || waiter.getState() == Thread.State.TIMED_WAITING);
            release.countDown();
        });
        try {
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            releaser.start();
            Thread.currentThread().interrupt();
            assertThat(prepared.get()).isEqualTo("done");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            Thread.interrupted();
        }
    }
}
