package io.agent4j.guardrail;

import io.agent4j.chat.ToolCall;
import io.agent4j.tool.ToolResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites e-mail addresses, phone numbers and card numbers of tool results as {@code [email]},
 * {@code [phone]} and {@code [card]} before the model sees them. Precise rather than eager: a long
 * number is a card only when it passes the Luhn check, a run of digits is a phone number only in a
 * phone number's shape, and an IBAN is neither.
 */
final class PiiRedactor implements ToolGuardrail {

    static final String NAME = "pii-redactor";

    /** Not in the middle of a word or a number: no letter, digit or {@code +} right before, nor a digit and a separator. */
    private static final String START = "(?<![\\p{L}\\p{N}+])(?<!\\p{N}[ .,-])";
    /** Not followed by more of the same word or number. */
    private static final String END = "(?![\\p{L}\\p{N}])(?![ .,-]\\p{N})";

    private static final Pattern EMAIL = Pattern.compile("(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+@"
            + "[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}(?![\\p{L}\\p{N}-])");
    /** 13 to 19 digits, in groups split by a space or a dash or not at all. */
    private static final Pattern CARD = Pattern.compile(START + "\\p{N}(?:[ -]?\\p{N}){12,18}" + END);
    private static final Pattern PHONE = Pattern.compile(START + "(?:"
            // a country code: +49 30 1234567, +44 (0)20 7946 0958, +1-415-555-0134
            + "\\+\\d{1,3}(?:[ .-]?(?:\\(\\d{1,4}\\)|\\d{1,5})){1,6}"
            // an area code in parentheses: (555) 123-4567, (030) 1234 5678
            + "|\\(\\d{2,5}\\)[ .-]?\\d{3,4}[ .-]?\\d{3,5}"
            // three groups, the last of four or five digits: 415-555-0134, 030 1234 5678
            + "|\\d{2,5}[ -]\\d{3,4}[ -]\\d{4,5}"
            + "|\\d{3}\\.\\d{3}\\.\\d{4}"
            // France: 01 23 45 67 89
            + "|0\\d(?:[ .]\\d{2}){4}"
            + ")" + END);
    /** Two letters, two check digits, then up to 30 letters and digits, in groups of four or not. */
    private static final Pattern IBAN = Pattern.compile("(?<![\\p{L}\\p{N}])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}"
            + "(?: ?[A-Z0-9]{1,3})?(?![\\p{L}\\p{N}])");

    @Override
    public Verdict afterCall(ToolCall call, ToolResult result) {
        String redacted = redact(result.content());
        return redacted.equals(result.content()) ? Verdict.pass() : Verdict.replace(redacted);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A part of the text to rewrite, or to keep as it is ({@code replacement} null). */
    private record Span(int start, int end, String replacement) {
        boolean overlaps(Span other) {
            return start < other.end && other.start < end;
        }
    }

    /** The text with every e-mail address, card number and phone number replaced. */
    static String redact(String text) {
        List<Span> spans = new ArrayList<>();
        find(text, IBAN, null, match -> true, spans);
        find(text, EMAIL, "[email]", match -> true, spans);
        find(text, CARD, "[card]", PiiRedactor::passesLuhn, spans);
        find(text, PHONE, "[phone]", PiiRedactor::phoneDigits, spans);
        if (spans.stream().allMatch(span -> span.replacement() == null)) {
            return text;
        }
        spans.sort(Comparator.comparingInt(Span::start));
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Span span : spans) {
            if (span.replacement() != null) {
                out.append(text, at, span.start()).append(span.replacement());
                at = span.end();
            }
        }
        return out.append(text, at, text.length()).toString();
    }

    /** Adds the matches that pass {@code accept} and overlap nothing found before. */
    private static void find(String text, Pattern pattern, String replacement, Predicate<String> accept,
            List<Span> spans) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            Span span = new Span(matcher.start(), matcher.end(), replacement);
            if (accept.test(matcher.group()) && spans.stream().noneMatch(span::overlaps)) {
                spans.add(span);
            }
        }
    }

    /** Whether the digits of a candidate card number pass the Luhn check. */
    static boolean passesLuhn(String candidate) {
        int sum = 0;
        boolean doubled = false;
        for (int i = candidate.length() - 1; i >= 0; i--) {
            int digit = Character.digit(candidate.charAt(i), 10);
            if (digit < 0) {
                continue;
            }
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /** A phone number has 7 to 15 digits (E.164 allows 15). */
    private static boolean phoneDigits(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        return digits >= 7 && digits <= 15;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
