package io.agent4j.testing;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** jtokkit's {@code o200k_base} that counts how often it is asked to tokenize a text. */
public final class CountingEncoding implements Encoding {

    private final Encoding real = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private final AtomicInteger asked = new AtomicInteger();

    /** How many texts were tokenized so far. */
    public int asked() {
        return asked.get();
    }

    @Override
    public int countTokensOrdinary(String text) {
        asked.incrementAndGet();
        return real.countTokensOrdinary(text);
    }

    @Override
    public int countTokens(String text) {
        asked.incrementAndGet();
        return real.countTokens(text);
    }

    @Override
    public IntArrayList encode(String text) {
        asked.incrementAndGet();
        return real.encode(text);
    }

    @Override
    public EncodingResult encode(String text, int maxTokens) {
        asked.incrementAndGet();
        return real.encode(text, maxTokens);
    }

    @Override
    public IntArrayList encodeOrdinary(String text) {
        asked.incrementAndGet();
        return real.encodeOrdinary(text);
    }

    @Override
    public EncodingResult encodeOrdinary(String text, int maxTokens) {
        asked.incrementAndGet();
        return real.encodeOrdinary(text, maxTokens);
    }

    @Override
    public String decode(IntArrayList tokens) {
        return real.decode(tokens);
    }

    @Override
    public byte[] decodeBytes(IntArrayList tokens) {
        return real.decodeBytes(tokens);
    }

    @Override
    public String getName() {
        return real.getName();
    }
}
