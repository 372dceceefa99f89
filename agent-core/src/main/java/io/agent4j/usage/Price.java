package io.agent4j.usage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one model costs, in US dollars per million tokens.
 *
 * @param input prompt tokens
 * @param cachedInput prompt tokens served from the provider's cache
 * @param output completion tokens (reasoning included)
 */
public record Price(BigDecimal input, BigDecimal cachedInput, BigDecimal output) {

    /** Checks that no price is negative. */
    public Price {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(cachedInput, "cachedInput");
        Objects.requireNonNull(output, "output");
        if (input.signum() < 0 || cachedInput.signum() < 0 || output.signum() < 0) {
            throw new IllegalArgumentException("prices must not be negative");
        }
    }

    /** A price from decimal strings, e.g. {@code Price.of("2.50", "1.25", "10.00")}. */
    public static Price of(String input, String cachedInput, String output) {
        return new Price(new BigDecimal(input), new BigDecimal(cachedInput), new BigDecimal(output));
    }
}
