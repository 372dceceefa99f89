package io.agent4j.examples.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The durations of {@code --timeout} and {@code --read-timeout}: a number and a unit, {@code ms},
 * {@code s}, {@code m} or {@code h} ({@code 500ms}, {@code 30s}, {@code 1.5m}, {@code 2m}); a plain
 * number is seconds; {@code 0} is no limit.
 */
final class Durations implements ITypeConverter<Duration> {

    /** The longest timeout the client takes: {@code Integer.MAX_VALUE} milliseconds, about 596 hours. */
    static final Duration MAX = Duration.ofMillis(Integer.MAX_VALUE);

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    /** Creates the converter; picocli calls this. */
    Durations() {
    }

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * Reads a duration.
     *
     * @throws TypeConversionException saying what is wrong and what is accepted
     */
    static Duration parse(String text) {
        Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new TypeConversionException("'" + text + "' is not a duration: give a number and a unit, ms, s, m "
                    + "or h (500ms, 30s, 2m), a plain number being seconds, or 0 for no limit");
        }
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        BigDecimal millis = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(switch (unit) {
            case "ms" -> 1L;
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            default -> 3_600_000L;
        }));
        if (millis.signum() > 0 && millis.compareTo(BigDecimal.ONE) < 0
                || millis.compareTo(BigDecimal.valueOf(MAX.toMillis())) > 0) {
            throw new TypeConversionException("'" + text + "' is out of range: a timeout is 0 (no limit) or from 1ms "
                    + "to " + format(MAX.truncatedTo(java.time.temporal.ChronoUnit.HOURS)));
        }
        return Duration.ofMillis(millis.longValue());
    }

    /** A duration as it is written: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1m30s}; {@code 0} is {@code 0 (no limit)}. */
    static String format(Duration duration) {
        if (duration.isZero()) {
            return "0 (no limit)";
        }
        long millis = duration.toMillis();
        StringBuilder text = new StringBuilder();
        long[] sizes = {3_600_000L, 60_000L, 1_000L, 1L};
        String[] units = {"h", "m", "s", "ms"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis >= sizes[i]) {
                text.append(millis / sizes[i]).append(units[i]);
                millis %= sizes[i];
            }
        }
        return text.toString();
    }
}
