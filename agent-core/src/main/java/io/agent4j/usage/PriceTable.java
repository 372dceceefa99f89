package io.agent4j.usage;

import io.agent4j.chat.Usage;
import io.agent4j.chat.internal.ModelFamilies;
import io.agent4j.errors.Agent4jException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Prices of models, dated, in US dollars per million tokens, for turning {@link Usage} into
 * money. A model the table does not know has no cost: {@link #cost} is empty, never zero.
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.standard()
 *         .with("my-finetune", Price.of("3.00", "1.50", "12.00"));
 * prices.cost("gpt-4o-mini-2024-07-18", usage);   // matched to gpt-4o-mini
 * }</pre>
 *
 * The file format ({@link #load}) is a properties file: {@code date=2025-08-07} and one line per
 * model, {@code gpt-4o = 2.50, 1.25, 10.00} (input, cached input, output).
 */
public final class PriceTable {

    private static final MathContext MATH = MathContext.DECIMAL64;
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final LocalDate date;
    private final Map<String, Price> prices;

    private PriceTable(LocalDate date, Map<String, Price> prices) {
        this.date = date;
        this.prices = Collections.unmodifiableMap(new TreeMap<>(prices));
    }

    /** OpenAI's list prices of current models, as of {@link #date()}; check them before relying on them. */
    public static PriceTable standard() {
        try (InputStream in = PriceTable.class.getResourceAsStream("openai-prices.properties")) {
            if (in == null) {
                throw new IllegalStateException("the bundled price table is missing");
            }
            return parse(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), "the bundled price table");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled price table", e);
        }
    }

    /** A table with no prices, dated today: every cost is unknown until prices are added. */
    public static PriceTable empty() {
        return new PriceTable(LocalDate.now(), Map.of());
    }

    /**
     * Reads a price file (see the class comment).
     *
     * @throws Agent4jException naming the file and the line that is wrong
     */
    public static PriceTable load(Path file) {
        try {
            return parse(new StringReader(Files.readString(file, StandardCharsets.UTF_8)), file.toString());
        } catch (IOException e) {
            throw new Agent4jException("Cannot read price file " + file + ": " + e.getMessage(), e);
        }
    }

    private static PriceTable parse(Reader reader, String source) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        LocalDate date;
        try {
            date = LocalDate.parse(properties.getProperty("date", "").strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new Agent4jException(source + " needs a line date=YYYY-MM-DD saying when its prices were true.");
        }
        Map<String, Price> prices = new TreeMap<>();
        for (String model : properties.stringPropertyNames()) {
            if (model.equals("date")) {
                continue;
            }
            String[] parts = properties.getProperty(model).split(",");
            try {
                prices.put(model.strip(), Price.of(parts[0].strip(), parts[1].strip(), parts[2].strip()));
            } catch (RuntimeException e) {
                throw new Agent4jException(source + ": the price of '" + model + "' must be three decimals, "
                        + "input, cached input, output (USD per million tokens), was '" + properties.getProperty(model)
                        + "'.", e);
            }
        }
        return new PriceTable(date, prices);
    }

    /** This table with one model's price added or replaced. */
    public PriceTable with(String model, Price price) {
        Map<String, Price> copy = new TreeMap<>(prices);
        copy.put(model, price);
        return new PriceTable(date, copy);
    }

    /** This table with every price of {@code other} added or replaced, dated as {@code other}. */
    public PriceTable with(PriceTable other) {
        Map<String, Price> copy = new TreeMap<>(prices);
        copy.putAll(other.prices);
        return new PriceTable(other.date, copy);
    }

    /** When these prices were true. */
    public LocalDate date() {
        return date;
    }

    /** Every price by model name. */
    public Map<String, Price> prices() {
        return prices;
    }

    /**
     * The price of a model: an exact match, else the longest name that the model's name starts
     * with followed by a dash (a dated snapshot such as {@code gpt-4o-mini-2024-07-18} is priced
     * as {@code gpt-4o-mini}).
     */
    public Optional<Price> price(String model) {
        return ModelFamilies.lookup(prices, model);
    }

    /**
     * What {@code usage} of {@code model} costs in US dollars; empty when the model is not in the table or
     * the usage is not {@linkplain Usage#known() known}.
     */
    public Optional<BigDecimal> cost(String model, Usage usage) {
        if (!usage.known()) {
            return Optional.empty();
        }
        return price(model).map(price -> {
            long cached = Math.min(usage.cachedPromptTokens(), usage.promptTokens());
            BigDecimal dollars = price.input().multiply(BigDecimal.valueOf(usage.promptTokens() - cached))
                    .add(price.cachedInput().multiply(BigDecimal.valueOf(cached)))
                    .add(price.output().multiply(BigDecimal.valueOf(usage.completionTokens())));
            return dollars.divide(MILLION, MATH).stripTrailingZeros();
        });
    }

    @Override
    public String toString() {
        return "PriceTable[" + date + ", " + prices.size() + " models]";
    }
}
