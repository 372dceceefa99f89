package io.agent4j.tools.units;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount in a unit, such as 7.05479238991608 lb.
 *
 * @param value the amount
 * @param unit the unit's symbol, such as {@code lb}
 */
public record Quantity(BigDecimal value, String unit) {

    /** Creates a quantity; neither part may be null. */
    public Quantity {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
    }

    /** The amount and the unit, e.g. {@code 7.05479238991608 lb}. */
    @Override
    public String toString() {
        return value.toPlainString() + " " + unit;
    }
}
