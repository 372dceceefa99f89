package io.agent4j.openai.internal;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before a retry: what the server asked for with {@code retry-after-ms} or
 * {@code retry-after} (seconds or an HTTP date), within a bound, otherwise exponential backoff
 * with jitter.
 *
 * @param initial the first delay
 * @param max the longest computed delay
 */
public record Backoff(Duration initial, Duration max) {

    /**
     * The longest wait before one retry. A server that asks for a longer one is not retried: the call
     * fails at once, saying when the server said to try again.
     */
    public static final Duration SERVER_LIMIT = Duration.ofSeconds(60);

    /**
     * The delay before retry number {@code attempt} (0 for the first retry).
     *
     * @param retryAfterMs the {@code retry-after-ms} header, or null
     * @param retryAfter the {@code retry-after} header, or null
     */
    public Duration delay(int attempt, String retryAfterMs, String retryAfter) {
        Duration asked = asked(retryAfterMs, retryAfter);
        if (asked != null) {
            return asked.compareTo(SERVER_LIMIT) > 0 ? SERVER_LIMIT : asked;
        }
        long base = Math.min(max.toMillis(), initial.toMillis() * (1L << Math.min(attempt, 20)));
        double jitter = 1.0 - ThreadLocalRandom.current().nextDouble(0.25);
        return Duration.ofMillis((long) (base * jitter));
    }

    /**
     * The wait the server asked for with {@code retry-after-ms} or {@code retry-after}; null when it asked
     * for none, for none that parses, or for a time already past.
     */
    public static Duration asked(String retryAfterMs, String retryAfter) {
        Duration asked = serverDelay(retryAfterMs, retryAfter);
        return asked == null || asked.isNegative() ? null : asked;
    }

    private static Duration serverDelay(String retryAfterMs, String retryAfter) {
        try {
            if (retryAfterMs != null) {
                return Duration.ofMillis((long) Double.parseDouble(retryAfterMs.trim()));
            }
            if (retryAfter != null) {
                String value = retryAfter.trim();
                if (value.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                    return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
                }
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Duration.between(ZonedDateTime.now(at.getZone()), at);
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
        return null;
    }
}
