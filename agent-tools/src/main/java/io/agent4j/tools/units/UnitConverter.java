package io.agent4j.tools.units;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Converts quantities of length (m, km, cm, mm, mi, yd, ft, in), mass (kg, g, mg, lb, oz),
 * temperature (C, F, K) and volume (l, ml, and the US liquid gal, qt, cup), as a tool.
 *
 * <p>Every factor is exact (an international pound is exactly 0.45359237 kg), so a conversion is
 * exact whenever its result is a finite decimal; otherwise it is rounded to
 * {@value #SIGNIFICANT_DIGITS} significant digits.
 *
 * <pre>{@code
 * new UnitConverter().convert(new BigDecimal("3.2"), "kg", "lb");   // 7.05479238991608 lb
 * }</pre>
 */
public class UnitConverter {

    /** The significant digits a conversion that is not a finite decimal is rounded to. */
    public static final int SIGNIFICANT_DIGITS = 15;

    private static final MathContext ROUNDED = new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN);

    /** Creates the converter; it has no state. */
    public UnitConverter() {
    }

    /**
     * Converts {@code value} from one unit to another of the same kind.
     *
     * @throws IllegalArgumentException for an unknown unit (listing the known ones), for units of
     *     different kinds, and for a temperature below absolute zero
     */
    @Tool(value = "Converts a quantity between units of the same kind: length (m, km, cm, mm, mi, yd, ft, in), "
            + "mass (kg, g, mg, lb, oz), temperature (C, F, K) or volume (l, ml, gal, qt, cup; US "
            + "liquid measures). Uses exact factors. Returns the converted value and its unit.", inline = true)
    public Quantity convert(@Param("The amount to convert, e.g. 3.2") BigDecimal value,
            @Param("The unit of the amount, e.g. kg") String from,
            @Param("The unit to convert to, e.g. lb") String to) {
        if (value == null) {
            throw new IllegalArgumentException("value is required, e.g. 3.2");
        }
        Unit source = unit(from);
        Unit target = unit(to);
        if (source.kind() != target.kind()) {
            throw new IllegalArgumentException("Cannot convert " + source.symbol() + " (" + source.kind().label()
                    + ") to " + target.symbol() + " (" + target.kind().label() + "): both units must "
                    + "measure the same kind of quantity.");
        }
        BigDecimal shifted = value.add(source.offset());
        if (source.kind() == Kind.TEMPERATURE && shifted.signum() < 0) {
            throw new IllegalArgumentException(value.toPlainString() + " " + source.symbol()
                    + " is below absolute zero.");
        }
        BigDecimal dividend = shifted.multiply(source.numerator()).multiply(target.denominator());
        BigDecimal divisor = source.denominator().multiply(target.numerator());
        BigDecimal result;
        try {
            result = dividend.divide(divisor).subtract(target.offset());
        } catch (ArithmeticException notFinite) {
            result = dividend.divide(divisor, MathContext.DECIMAL128).subtract(target.offset()).round(ROUNDED);
        }
        return new Quantity(normalise(result), target.symbol());
    }

    private static Unit unit(String name) {
        return Unit.find(name).orElseThrow(() -> new IllegalArgumentException("Unknown unit '" + name
                + "'. Known units: " + Unit.catalogue() + "."));
    }

    /** Without trailing zeros, and never in exponent notation for whole numbers (1000, not 1E+3). */
    private static BigDecimal normalise(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
