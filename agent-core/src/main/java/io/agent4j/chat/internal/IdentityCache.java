package io.agent4j.chat.internal;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What was computed of an immutable object (a message's token count or its JSON, a tool
 * definition's count), remembered by the object's identity and held weakly: an entry lives as long
 * as its object, so a conversation's entries go with the conversation and no bound has to be tuned.
 * Keyed by identity, not by value, so that a lookup never hashes a long text; two equal objects are
 * simply computed twice. Thread-safe.
 *
 * @param <V> what is remembered
 */
public final class IdentityCache<V> {

    private final ConcurrentHashMap<Key, V> values = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    /** What {@code compute} makes of {@code key}, computed the first time this very object is asked for. */
    public <K> V get(K key, Function<? super K, ? extends V> compute) {
        V known = values.get(new Probe(key));
        if (known != null) {
            return known;
        }
        V value = compute.apply(key);
        forgetCollected();
        values.put(new Weak(key, collected), value);
        return value;
    }

    /** How many objects have a value remembered (collected ones may still be among them). */
    public int size() {
        return values.size();
    }

    private void forgetCollected() {
        for (Reference<?> gone = collected.poll(); gone != null; gone = collected.poll()) {
            values.remove((Weak) gone);
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
