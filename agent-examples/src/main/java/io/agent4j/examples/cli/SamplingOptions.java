package io.agent4j.examples.cli;

import io.agent4j.chat.ChatOptions;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How the model samples its answer, for {@code run} and {@code chat}: {@code --temperature},
 * {@code --top-p}, {@code --max-tokens}, {@code --seed} and {@code --stop}. Each value is checked
 * against the range the Chat Completions API takes as it is parsed, so a wrong one is a usage error
 * that gives the range, before anything is sent.
 */
final class SamplingOptions {

    /** The most stop sequences the API takes. */
    static final int MAX_STOP = 4;

    @Option(names = "--temperature", paramLabel = "T", converter = Temperature.class,
            description = "How random the answer is, from 0 (the most likely words) to 2; the server's default "
                    + "when not given.")
    private Double temperature;

    @Option(names = "--top-p", paramLabel = "P", converter = TopP.class,
            description = "Nucleus sampling: the model picks among the likeliest words that make up this share of "
                    + "the probability, greater than 0 and at most 1; the server's default when not given.")
    private Double topP;

    @Option(names = "--max-tokens", paramLabel = "N", converter = MaxTokens.class,
            description = "The most tokens one answer of the model may have (max_completion_tokens), at least 1; "
                    + "an answer cut off there ends with finish reason length.")
    private Integer maxTokens;

    @Option(names = "--seed", paramLabel = "N", converter = Seed.class,
            description = "A whole number for best-effort repeatable sampling: the same seed and request tend to "
                    + "give the same answer.")
    private Long seed;

    @Option(names = "--stop", paramLabel = "TEXT", converter = Stop.class,
            description = "A sequence at which the model stops writing (not included in the answer); repeatable, "
                    + "up to " + MAX_STOP + " times.")
    private List<String> stop = new ArrayList<>();

    /** Creates the options; picocli calls this. */
    SamplingOptions() {
    }

    /** Whether {@code --temperature} or {@code --top-p} was given, which a reasoning model rejects. */
    String samplingFlag() {
        return temperature != null ? "--temperature" : topP != null ? "--top-p" : null;
    }

    /**
     * Adds the values given to {@code options}.
     *
     * @return null, or what is wrong with them together (more than {@value #MAX_STOP} {@code --stop})
     */
    String addTo(ChatOptions.Builder options) {
        if (stop.size() > MAX_STOP) {
            return "--stop was given " + stop.size() + " times: the API takes 1 to " + MAX_STOP + " stop sequences";
        }
        options.temperature(temperature).topP(topP).maxTokens(maxTokens).seed(seed)
                .stop(stop.isEmpty() ? null : List.copyOf(stop));
        return null;
    }

    /** A number in a range, read exactly ({@code 0.1}, {@code 1e-3}); {@code NaN}, {@code 2d} and the like are not numbers. */
    private abstract static class Decimal implements ITypeConverter<Double> {
        private final BigDecimal low;
        private final boolean lowIncluded;
        private final BigDecimal high;
        private final String range;

        Decimal(String low, boolean lowIncluded, String high, String range) {
            this.low = new BigDecimal(low);
            this.lowIncluded = lowIncluded;
            this.high = new BigDecimal(high);
            this.range = range;
        }

        @Override
        public Double convert(String text) {
            BigDecimal value;
            try {
                value = new BigDecimal(text.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is not a number: give " + range);
            }
            int fromLow = value.compareTo(low);
            if (fromLow < 0 || (fromLow == 0 && !lowIncluded) || value.compareTo(high) > 0) {
                throw new TypeConversionException("'" + text + "' is out of range: give " + range);
            }
            return value.doubleValue();
        }
    }

    /** {@code --temperature}: 0 to 2. */
    static final class Temperature extends Decimal {
        Temperature() {
            super("0", true, "2", "a number from 0 to 2");
        }
    }

    /** {@code --top-p}: greater than 0, at most 1. */
    static final class TopP extends Decimal {
        TopP() {
            super("0", false, "1", "a number greater than 0 and at most 1");
        }
    }

    private static BigInteger whole(String text, long low, long high) {
        String range = "a whole number from " + low + " to " + high;
        BigInteger value;
        try {
            value = new BigInteger(text.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a whole number: give " + range);
        }
        if (value.compareTo(BigInteger.valueOf(low)) < 0 || value.compareTo(BigInteger.valueOf(high)) > 0) {
            throw new TypeConversionException("'" + text + "' is out of range: give " + range);
        }
        return value;
    }

    /** {@code --max-tokens}: 1 to {@link Integer#MAX_VALUE}. */
    static final class MaxTokens implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return whole(text, 1, Integer.MAX_VALUE).intValue();
        }
    }

    /** {@code --seed}: any {@code long}. */
    static final class Seed implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return whole(text, Long.MIN_VALUE, Long.MAX_VALUE).longValue();
        }
    }

    /** {@code --stop}: not empty, taken as written. */
    static final class Stop implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            if (text.isEmpty()) {
                throw new TypeConversionException("a stop sequence must not be empty");
            }
            return text;
        }
    }
}
