package io.agent4j.tools.math;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A recursive-descent evaluator for {@code + - * / ^}, parentheses, unary minus and decimal
 * numbers. Addition, subtraction, multiplication and whole powers are exact; division rounds to
 * {@link MathContext#DECIMAL128}. Positions in error messages count characters from 1.
 *
 * <p>No input holds the thread for long: an expression has at most {@value #MAX_LENGTH} characters,
 * {@value #MAX_OPERATIONS} operations and {@value #MAX_DEPTH} levels of nesting, and every value,
 * the intermediate ones included, at most {@value #MAX_DIGITS} digits of precision and of scale
 * (checked before the work for sums, products and powers, and on the result of a division).
 *
 * <pre>
 * expression := term (('+' | '-') term)*
 * term       := unary (('*' | '/') unary)*
 * unary      := ('-' | '+') unary | power
 * power      := primary ('^' unary)?          (right-associative; -2^2 is -4)
 * primary    := number | '(' expression ')'
 * </pre>
 */
final class ExpressionParser {

    /** The largest whole exponent accepted, to keep exact powers a sensible size. */
    static final int MAX_EXPONENT = 999;

    /**
     * The most digits, before or after the point, that an exact product or power may have; larger
     * ones would take seconds and megabytes to compute (nested powers grow without bound).
     */
    static final int MAX_DIGITS = 10_000;

    /** The longest expression accepted, in characters. */
    static final int MAX_LENGTH = 2_000;

    /** The most operations (+ - * / ^) one expression may have. */
    static final int MAX_OPERATIONS = 500;

    /** The deepest nesting of parentheses and signs accepted. */
    static final int MAX_DEPTH = 100;

    private final String text;
    private int pos;
    private int operations;
    private int depth;

    private ExpressionParser(String text) {
        this.text = text;
    }

    /**
     * Evaluates an expression.
     *
     * @throws IllegalArgumentException naming the position of a syntax error, a division by zero
     *     or an exponent that is not a whole number
     */
    static BigDecimal evaluate(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("The expression is empty; write one such as (2 + 3) * 4.");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The expression has " + expression.length() + " characters, more than "
                    + "the " + MAX_LENGTH + " this calculator accepts; split the calculation into several calls.");
        }
        ExpressionParser parser = new ExpressionParser(expression);
        BigDecimal value = parser.expression();
        parser.skipSpaces();
        if (parser.pos < expression.length()) {
            throw parser.unexpected("an operator (+ - * / ^) or the end of the expression");
        }
        return value;
    }

    private BigDecimal expression() {
        BigDecimal value = term();
        while (true) {
            skipSpaces();
            int at = pos;
            if (eat('+')) {
                count(at);
                BigDecimal addend = term();
                checkSum(at, value, addend);
                value = value.add(addend);
            } else if (eat('-')) {
                count(at);
                BigDecimal subtrahend = term();
                checkSum(at, value, subtrahend);
                value = value.subtract(subtrahend);
            } else {
                return value;
            }
        }
    }

    private BigDecimal term() {
        BigDecimal value = unary();
        while (true) {
            skipSpaces();
            int at = pos;
            if (eat('*')) {
                count(at);
                BigDecimal factor = unary();
                checkSize(at, (long) value.precision() + factor.precision(), (long) value.scale() + factor.scale());
                value = value.multiply(factor);
            } else if (eat('/')) {
                count(at);
                BigDecimal divisor = unary();
                if (divisor.signum() == 0) {
                    throw error(at, "Division by zero");
                }
                value = checked(at, value.divide(divisor, MathContext.DECIMAL128));
            } else {
                return value;
            }
        }
    }

    private BigDecimal unary() {
        skipSpaces();
        int at = pos;
        if (eat('-') || eat('+')) {
            enter(at);
            BigDecimal value = unary();
            depth--;
            return text.charAt(at) == '-' ? value.negate() : value;
        }
        return power();
    }

    /** One level deeper, for a sign or a parenthesis at {@code at}: each is a recursion of this parser. */
    private void enter(int at) {
        if (++depth > MAX_DEPTH) {
            throw error(at, "The expression nests more than " + MAX_DEPTH + " levels deep (parentheses and signs)");
        }
    }

    private void count(int at) {
        if (++operations > MAX_OPERATIONS) {
            throw error(at, "The expression has more than " + MAX_OPERATIONS + " operations; split the calculation "
                    + "into several calls");
        }
    }

    private BigDecimal power() {
        BigDecimal base = primary();
        skipSpaces();
        int at = pos;
        if (!eat('^')) {
            return base;
        }
        count(at);
        BigDecimal exponent = unary();
        int n;
        try {
            n = exponent.intValueExact();
        } catch (ArithmeticException e) {
            throw error(at, exponent.stripTrailingZeros().scale() > 0
                    ? "The exponent " + plain(exponent) + " is not a whole number (use sqrt for square roots)"
                    : "The exponent " + plain(exponent) + " is too large (at most " + MAX_EXPONENT + ")");
        }
        if (Math.abs(n) > MAX_EXPONENT) {
            throw error(at, "The exponent " + n + " is too large (at most " + MAX_EXPONENT + ")");
        }
        if (n < 0 && base.signum() == 0) {
            throw error(at, "Division by zero (0 raised to a negative power)");
        }
        checkSize(at, (long) base.precision() * Math.abs(n), (long) base.scale() * Math.abs(n));
        return n >= 0 ? base.pow(n) : checked(at, BigDecimal.ONE.divide(base.pow(-n), MathContext.DECIMAL128));
    }

    /**
     * Refuses a sum or difference whose exact value would be too large, before computing it: aligned
     * on the larger scale, it has the larger scale and one digit more than the longer whole part.
     */
    private void checkSum(int at, BigDecimal a, BigDecimal b) {
        long scale = Math.max(a.scale(), b.scale());
        long whole = Math.max((long) a.precision() - a.scale(), (long) b.precision() - b.scale());
        checkSize(at, Math.max(whole, 0) + Math.max(scale, 0) + 1, scale);
    }

    private BigDecimal checked(int at, BigDecimal value) {
        checkSize(at, value.precision(), value.scale());
        return value;
    }

    /**
     * Refuses a value with more than {@link #MAX_DIGITS} digits of precision or of scale (a scale of
     * -n stands for n zeros before the point, n for n digits after it).
     *
     * @throws IllegalArgumentException naming the operator at {@code at}
     */
    static void checkSize(String text, int at, long digits, long scale) {
        long size = Math.max(digits, Math.abs(scale));
        if (size > MAX_DIGITS) {
            throw error(text, at, "The exact result would have about " + size + " digits, more than the "
                    + MAX_DIGITS + " this calculator keeps; split the calculation or use smaller numbers");
        }
    }

    private void checkSize(int at, long digits, long scale) {
        checkSize(text, at, digits, scale);
    }

    private BigDecimal primary() {
        skipSpaces();
        int at = pos;
        if (eat('(')) {
            enter(at);
            BigDecimal value = expression();
            depth--;
            skipSpaces();
            if (!eat(')')) {
                throw unexpected("')' to close the '(' at position " + (at + 1));
            }
            return value;
        }
        if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            return number();
        }
        throw unexpected("a number or '('");
    }

    private BigDecimal number() {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        String digits = text.substring(start, pos);
        if (digits.equals(".")) {
            throw error(start, "Syntax error: '.' is not a number");
        }
        if (pos < text.length() && text.charAt(pos) == ',') {
            throw error(pos, "Syntax error: unexpected ','; write numbers without thousands separators, "
                    + "e.g. 2340.80 rather than 2,340.80");
        }
        return new BigDecimal(digits);
    }

    private boolean eat(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException unexpected(String expected) {
        if (pos >= text.length()) {
            return error(pos, "Syntax error: expected " + expected + " but the expression ended");
        }
        char found = text.charAt(pos);
        String hint = Character.isLetter(found) || found == '%' || found == ','
                ? "; only numbers, + - * / ^ and parentheses are allowed"
                : "";
        return error(pos, "Syntax error: expected " + expected + " but found '" + found + "'" + hint);
    }

    private IllegalArgumentException error(int index, String message) {
        return error(text, index, message);
    }

    private static IllegalArgumentException error(String text, int index, String message) {
        return new IllegalArgumentException(message + " at position " + (index + 1) + " of '" + text + "'.");
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
