package io.agent4j.tools.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.tool.ToolResult;
import io.agent4j.tool.Toolbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The calculator's arithmetic, its error messages, and how it behaves as a tool. */
class CalculatorTest {

    private final Calculator calculator = new Calculator();

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "1 + 2                  | 3",
        "0.1 + 0.2              | 0.3",
        "2340.80 * 17.5 / 100   | 409.64",
        "2 + 3 * 4              | 14",
        "(2 + 3) * 4            | 20",
        "10 - 4 - 3             | 3",
        "100 / 10 / 5           | 2",
        "-3 + 5                 | 2",
        "-(2 + 3)               | -5",
        "2 * -3                 | -6",
        "--4                    | 4",
        "-2^2                   | -4",
        "(-2)^2                 | 4",
        "2^3^2                  | 512",
        "2^10 - 1               | 1023",
        "2^-2                   | 0.25",
        "1.5^2                  | 2.25",
        "2^100                  | 1267650600228229401496703205376",
        "10^0                   | 1",
        ".5 + 1.                | 1.5",
        "1.000                  | 1",
        "1 - 1                  | 0",
        "1 / 3                  | 0.3333333333333333333333333333333333",
        "2 / 3                  | 0.6666666666666666666666666666666667",
        "1 / 4                  | 0.25",
        "1e0 + 0 / 1            | ERROR",
    })
    void evaluatesExactly(String expression, String expected) {
        if (expected.equals("ERROR")) {
            assertThatThrownBy(() -> calculator.evaluate(expression)).isInstanceOf(IllegalArgumentException.class);
        } else {
            assertThat(calculator.evaluate(expression)).isEqualTo(expected);
        }
    }

    @Test
    void largeNumbersStayExactAndPlain() {
        assertThat(calculator.evaluate("99999999999999999999 * 99999999999999999999"))
                .isEqualTo("9999999999999999999800000000000000000001");
        assertThat(calculator.evaluate("1000000 * 1000000")).isEqualTo("1000000000000");
    }

    @Test
    void namesThePositionOfASyntaxError() {
        assertThatThrownBy(() -> calculator.evaluate("2 + * 3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Syntax error: expected a number or '(' but found '*' at position 5 of '2 + * 3'.");
    }

    @Test
    void explainsAnExpressionThatEndsTooEarly() {
        assertThatThrownBy(() -> calculator.evaluate("(1 + 2"))
                .hasMessage("Syntax error: expected ')' to close the '(' at position 1 but the expression "
                        + "ended at position 7 of '(1 + 2'.");
        assertThatThrownBy(() -> calculator.evaluate("3 *"))
                .hasMessageContaining("expected a number or '(' but the expression ended at position 4");
    }

    @Test
    void rejectsTrailingInput() {
        assertThatThrownBy(() -> calculator.evaluate("2 3"))
                .hasMessage("Syntax error: expected an operator (+ - * / ^) or the end of the expression "
                        + "but found '3' at position 3 of '2 3'.");
        assertThatThrownBy(() -> calculator.evaluate("(1))"))
                .hasMessageContaining("found ')' at position 4");
    }

    @Test
    void explainsThousandsSeparatorsLettersAndPercentSigns() {
        assertThatThrownBy(() -> calculator.evaluate("2,340.80 * 2"))
                .hasMessageStartingWith("Syntax error: unexpected ','; write numbers without thousands separators")
                .hasMessageContaining("at position 2 of '2,340.80 * 2'");
        assertThatThrownBy(() -> calculator.evaluate("x + 1"))
                .hasMessageContaining("found 'x'; only numbers, + - * / ^ and parentheses are allowed at position 1");
        assertThatThrownBy(() -> calculator.evaluate("17.5% * 3"))
                .hasMessageContaining("found '%'");
    }

    @Test
    void rejectsAnEmptyExpression() {
        assertThatThrownBy(() -> calculator.evaluate("  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The expression is empty");
    }

    @Test
    void reportsDivisionByZeroWithItsPosition() {
        assertThatThrownBy(() -> calculator.evaluate("1 / (2 - 2)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Division by zero at position 3 of '1 / (2 - 2)'.");
        assertThatThrownBy(() -> calculator.evaluate("0^-1"))
                .hasMessageStartingWith("Division by zero (0 raised to a negative power) at position 2");
    }

    @Test
    void acceptsOnlyWholeExponentsOfSensibleSize() {
        assertThatThrownBy(() -> calculator.evaluate("2^0.5"))
                .hasMessage("The exponent 0.5 is not a whole number (use sqrt for square roots) at position 2 "
                        + "of '2^0.5'.");
        assertThatThrownBy(() -> calculator.evaluate("2^1000"))
                .hasMessageStartingWith("The exponent 1000 is too large (at most 999)");
        assertThat(calculator.evaluate("2^2.0")).isEqualTo("4");
    }

    @Test
    void refusesExactResultsTooLargeToComputeQuickly() {
        // nested powers would otherwise grow to billions of digits, which no timeout can interrupt
        assertThatThrownBy(() -> calculator.evaluate("(9^999)^999"))
                .hasMessageStartingWith("The exact result would have about 953046 digits, more than the 10000 this "
                        + "calculator keeps; split the calculation or use smaller numbers at position 8");
        assertThatThrownBy(() -> calculator.evaluate("(0.1^999)^20"))
                .hasMessageStartingWith("The exact result would have about 19980 digits");
        assertThatThrownBy(() -> calculator.evaluate("9^999 * 9^999 * 9^999 * 9^999 * 9^999 * 9^999 * 9^999 * 9^999 "
                + "* 9^999 * 9^999 * 9^999")).hasMessageContaining("digits, more than the 10000");
        assertThat(calculator.evaluate("9^999 * 9^999").length()).isEqualTo(1907);
    }

    @Test
    void takesSquareRoots() {
        assertThat(calculator.sqrt("3^2 + 4^2")).isEqualTo("5");
        assertThat(calculator.sqrt("2")).isEqualTo("1.414213562373095048801688724209698");
        assertThatThrownBy(() -> calculator.sqrt("-4"))
                .hasMessage("Cannot take the square root of a negative number (-4).");
    }

    @Test
    void computesPercentagesExactly() {
        assertThat(calculator.percentOf("17.5", "2340.80")).isEqualTo("409.64");
        assertThat(calculator.percentOf("100 / 3", "3")).isEqualTo("0.9999999999999999999999999999999999");
        assertThat(calculator.percentOf("0", "5")).isEqualTo("0");
    }

    @Test
    void worksAsATool() {
        Toolbox tools = Toolbox.of(new Calculator());
        assertThat(tools.names()).containsExactlyInAnyOrder("evaluate", "sqrt", "percentOf");

        ToolResult ok = tools.call("evaluate", "{\"expression\": \"2340.80 * 17.5 / 100\"}");
        assertThat(ok.failed()).isFalse();
        assertThat(ok.content()).isEqualTo("409.64");

        ToolResult bad = tools.call("evaluate", "{\"expression\": \"1/0\"}");
        assertThat(bad.failed()).isTrue();
        assertThat(bad.content()).contains("Division by zero at position 2 of '1/0'.");
    }

    @Test
    void describesItsParametersToTheModel() {
        var schema = Toolbox.of(new Calculator()).definitions().stream()
                .filter(d -> d.name().equals("evaluate")).findFirst().orElseThrow().parameters();
        assertThat(schema.at("/properties/expression/type").asString()).isEqualTo("string");
        assertThat(schema.at("/properties/expression/description").asString()).contains("2340.80");
    }

    /** 1E-9990: ten divisions by 10^999, each exact in 34 digits, and just within the cap. */
    private static final String TINY = "1" + "/10^999".repeat(10);

    @Test
    void theDigitCapHoldsForDivision() {
        assertThat(calculator.evaluate(TINY)).hasSize(9992).startsWith("0.000").endsWith("1");
        assertThatThrownBy(() -> calculator.evaluate(TINY + "/10^999"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The exact result would have about 10989 digits, more than the 10000 this "
                        + "calculator keeps; split the calculation or use smaller numbers at position 72 ");
    }

    @Test
    void theDigitCapHoldsForAdditionAndSubtraction() {
        assertThat(calculator.evaluate(TINY + "+1")).hasSize(9992).startsWith("1.000");
        assertThatThrownBy(() -> calculator.evaluate(TINY + "+10^999"))
                .hasMessageStartingWith("The exact result would have about 10991 digits, more than the 10000 this "
                        + "calculator keeps; split the calculation or use smaller numbers at position 72 ");
        assertThatThrownBy(() -> calculator.evaluate("10^999 - " + TINY))
                .hasMessageStartingWith("The exact result would have about 10991 digits")
                .hasMessageContaining("at position 8 ");
    }

    @Test
    void theDigitCapHoldsForMultiplicationPowersAndPercentages() {
        assertThatThrownBy(() -> calculator.evaluate("(" + TINY + ") * 0.1^999"))
                .hasMessageStartingWith("The exact result would have about 10989 digits");
        assertThatThrownBy(() -> calculator.evaluate("(1/3)^-999"))
                .hasMessageStartingWith("The exact result would have about 33966 digits");
        assertThatThrownBy(() -> calculator.evaluate("(10^999)^-11"))
                .hasMessageStartingWith("The exact result would have about 11000 digits");
        assertThatThrownBy(() -> calculator.percentOf("9^999 * 9^999 * 9^999 * 9^999 * 9^999", "9^999 * 9^999 * 9^999 "
                + "* 9^999 * 9^999 * 9^999")).hasMessageStartingWith("The exact result would have about 10487 digits");
        assertThat(calculator.percentOf("1", TINY)).hasSize(9994);
        assertThatThrownBy(() -> calculator.percentOf("0.1^9", TINY))
                .hasMessageStartingWith("The exact result would have about 10001 digits")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLongExpressionIsRefusedBeforeItIsEvaluated() {
        String sum = "1" + "+1".repeat(1000);
        assertThatThrownBy(() -> calculator.evaluate(sum))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The expression has 2001 characters, more than the 2000 this calculator accepts; split "
                        + "the calculation into several calls.");
        assertThat(calculator.evaluate("1" + "+1".repeat(499))).isEqualTo("500");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "(".repeat(101) + "1" + ")".repeat(101);
        assertThatThrownBy(() -> calculator.evaluate(deep))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The expression nests more than 100 levels deep (parentheses and signs) at "
                        + "position 101 of '(((");
        assertThatThrownBy(() -> calculator.evaluate("-".repeat(150) + "1"))
                .hasMessageStartingWith("The expression nests more than 100 levels deep");
        assertThat(calculator.evaluate("(".repeat(100) + "1" + ")".repeat(100))).isEqualTo("1");
    }

    @Test
    void manyOperationsAreRefused() {
        String many = "1" + "*1".repeat(501);
        assertThatThrownBy(() -> calculator.evaluate(many))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The expression has more than 500 operations; split the calculation into "
                        + "several calls at position 1002 ");
        assertThat(calculator.evaluate("1" + "*1".repeat(499))).isEqualTo("1");
    }

    @Test
    void theHardestExpressionsWithinTheLimitsEndWithAResultOrARefusal() {
        // each does the most work the limits allow of one kind: sums and quotients of numbers near the
        // digit cap, 110 powers near the cap, products and quotients of such numbers
        String nearCap = "(7^999 * 7^999 * 7^999 * 7^999 * 7^999 * 7^999 * 7^999 * 7^999 * 7^999 * 7^999 * 7^999)";
        String[] hardest = {
            (nearCap + " / 3 + ").repeat(20) + "1",
            "1234567891^999 - ".repeat(110) + "1",
            (nearCap + " * 1 / " + nearCap + " + ").repeat(10) + "1",
        };
        for (String expression : hardest) {
            assertThat(expression.length()).isLessThanOrEqualTo(2000);
            try {
                assertThat(calculator.evaluate(expression)).isNotEmpty();
            } catch (IllegalArgumentException refused) {
                assertThat(refused.getMessage()).contains("digits, more than the 10000");
            }
        }
    }
}
