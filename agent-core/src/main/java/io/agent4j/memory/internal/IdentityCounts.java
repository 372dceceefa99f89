package io.agent4j.memory.internal;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * Token counts remembered by the identity of what was counted (a message, a tool definition), held
 * weakly: an entry lives as long as its object, so a conversation's counts go with the
 * conversation and no bound has to be tuned. Messages and tool definitions are immutable records,
 * so an object's count never changes. Thread-safe.
 */
public final class IdentityCounts {

    private final ConcurrentHashMap<Key, Integer> counts = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    /** The count of {@code value}, computed with {@code count} the first time this very object is asked for. */
    public <T> int get(T value, ToIntFunction<? super T> count) {
        Integer known = counts.get(new Probe(value));
        if (known != null) {
            return known;
        }
        int tokens = count.applyAsInt(value);
        forgetCollected();
        counts.put(new Weak(value, collected), tokens);
        return tokens;
    }

    /** How many objects have a count remembered (collected ones may still be among them). */
    public int size() {
        return counts.size();
    }

    private void forgetCollected() {
        for (Reference<?> gone = collected.poll(); gone != null; gone = collected.poll()) {
            counts.remove((Weak) gone);
        }
    }

    /** Equal when both refer to the same live object. */
    private interface Key {
        Object referent();
    }

    private static boolean same(Key key, Object other) {
        if (key == other) {
            return true;
        }
        Object referent = key.referent();
        return referent != null && other instanceof Key that && that.referent() == referent;
    }

    private static final class Weak extends WeakReference<Object> implements Key {
        private final int hash;

        Weak(Object value, ReferenceQueue<Object> queue) {
            super(value, queue);
            this.hash = System.identityHashCode(value);
        }

        @Override
        public Object referent() {
            return get();
        }

        @Override
        public boolean equals(Object other) {
            return same(this, other);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record Probe(Object referent) implements Key {
        @Override
        public boolean equals(Object other) {
            return same(this, other);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(referent);
        }
    }
}
