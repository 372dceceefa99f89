package io.agent4j.tools.math;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Exact arithmetic on decimal numbers, as tools. Sums, differences, products and whole powers are
 * exact; quotients and square roots keep 34 significant digits ({@link MathContext#DECIMAL128}).
 * Results are plain decimal strings without trailing zeros, such as {@code 409.64}.
 *
 * <pre>{@code
 * Agent agent = Agent.builder().model(model).tools(new Calculator()).build();
 * new Calculator().evaluate("2340.80 * 17.5 / 100");   // "409.64"
 * }</pre>
 */
public class Calculator {

    /** Creates the calculator; it has no state. */
    public Calculator() {
    }

    /**
     * Evaluates an arithmetic expression exactly.
     *
     * @throws IllegalArgumentException naming the position of a syntax error, or for a division
     *     by zero
     */
    @Tool(value = "Evaluates an arithmetic expression exactly with decimal numbers: + - * / ^ (whole "
            + "exponents), parentheses and unary minus. Use it for every calculation instead of "
            + "computing in your head. Returns the result as a decimal string; division keeps 34 "
            + "significant digits.", inline = true)
    public String evaluate(@Param("The expression, e.g. (2340.80 * 17.5) / 100 or 2^10 - 1; write numbers "
            + "without thousands separators or units") String expression) {
        return format(ExpressionParser.evaluate(expression));
    }

    /**
     * The square root of a number or expression, to 34 significant digits.
     *
     * @throws IllegalArgumentException when the value is negative or not a valid expression
     */
    @Tool(value = "The square root of a non-negative number or expression, to 34 significant digits.", inline = true)
    public String sqrt(@Param("A number or expression, e.g. 2 or 3^2 + 4^2") String value) {
        BigDecimal number = ExpressionParser.evaluate(value);
        if (number.signum() < 0) {
            throw new IllegalArgumentException("Cannot take the square root of a negative number ("
                    + format(number) + ").");
        }
        return format(number.sqrt(MathContext.DECIMAL128));
    }

    /**
     * {@code percent} percent of {@code value}, exactly.
     *
     * @throws IllegalArgumentException when either argument is not a valid expression
     */
    @Tool(value = "Computes a percentage of a value exactly, e.g. 17.5 percent of 2340.80 is 409.64.", inline = true)
    public String percentOf(@Param("The percentage without the % sign, e.g. 17.5") String percent,
            @Param("The value to take the percentage of, e.g. 2340.80") String value) {
        BigDecimal share = ExpressionParser.evaluate(percent);
        BigDecimal whole = ExpressionParser.evaluate(value);
        String text = percent + " percent of " + value;
        ExpressionParser.checkSize(text, 0, (long) share.precision() + whole.precision(),
                (long) share.scale() + whole.scale() + 2);
        return format(share.multiply(whole).movePointLeft(2));
    }

    private static String format(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
