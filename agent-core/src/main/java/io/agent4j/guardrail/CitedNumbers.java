package io.agent4j.guardrail;

import io.agent4j.chat.Message;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the model to answer again when its answer quotes numbers that no tool result and no message
 * of the user holds: a model that writes a number it did not look up has most likely made it up.
 */
final class CitedNumbers implements OutputGuardrail {

    static final String NAME = "must-cite-tool-results";
    /** Digits, with the commas and dots between them: {@code 1,234.50}, {@code 2024.05.01}, {@code 3,5}. */
    private static final Pattern NUMBER = Pattern.compile("\\d(?:[\\d,.]*\\d)?");
    private static final Pattern THOUSANDS = Pattern.compile("\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(?:\\.\\d+)?");
    /** The number of an item of a numbered list: {@code 1.} or {@code 2)} at the start of a line. */
    private static final Pattern LIST_ITEM = Pattern.compile("(?m)^[ \\t>*#-]*\\d+[.)](?=\\s)");
    private static final int LISTED = 10;

    @Override
    public Verdict check(FinalAnswer answer) {
        List<Quoted> quoted = numbers(answer.text(), true);
        if (quoted.isEmpty()) {
            return Verdict.pass();
        }
        List<BigDecimal> sources = new ArrayList<>();
        for (Message message : answer.messages()) {
            if (message instanceof ToolMessage || message instanceof UserMessage) {
                numbers(message.content(), false).forEach(number -> sources.add(number.value()));
            }
        }
        Set<String> uncited = new LinkedHashSet<>();
        for (Quoted number : quoted) {
            if (sources.stream().noneMatch(source -> cites(source, number.value()))) {
                uncited.add(number.written());
            }
        }
        if (uncited.isEmpty()) {
            return Verdict.pass();
        }
        List<String> listed = new ArrayList<>(uncited).subList(0, Math.min(uncited.size(), LISTED));
        return Verdict.retry("Your answer quotes " + (uncited.size() == 1 ? "a number" : "numbers")
                + " that no tool result and no message of the user holds: " + String.join(", ", listed)
                + (uncited.size() > LISTED ? " and " + (uncited.size() - LISTED) + " more" : "")
                + ". Take every number from a tool result (call a tool to look it up or to compute it), or "
                + "leave it out.");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A number as the answer wrote it, and its value. */
    record Quoted(String written, BigDecimal value) {
    }

    /** Whether {@code source} is {@code quoted}, or rounds to it at the decimals the answer shows. */
    static boolean cites(BigDecimal source, BigDecimal quoted) {
        if (source.compareTo(quoted) == 0) {
            return true;
        }
        return source.scale() > quoted.scale()
                && source.setScale(quoted.scale(), RoundingMode.HALF_UP).compareTo(quoted) == 0;
    }

    /** The numbers of a text, skipping those that are part of a name, and in an answer those that number a list. */
    static List<Quoted> numbers(String text, boolean skipListItems) {
        List<Quoted> numbers = new ArrayList<>();
        if (text == null) {
            return numbers;
        }
        Set<Integer> listItems = new LinkedHashSet<>();
        if (skipListItems) {
            Matcher item = LIST_ITEM.matcher(text);
            while (item.find()) {
                listItems.add(item.end() - 2);
            }
        }
        Matcher matcher = NUMBER.matcher(text);
        while (matcher.find()) {
            if (partOfAName(text, matcher.start())) {
                continue;
            }
            String token = matcher.group();
            if (THOUSANDS.matcher(token).matches()) {
                numbers.add(new Quoted(token, new BigDecimal(token.replace(",", ""))));
            } else if (DECIMAL.matcher(token).matches()) {
                if (!listItems.contains(matcher.end() - 1)) {
                    numbers.add(new Quoted(token, new BigDecimal(token)));
                }
            } else {
                // dotted dates and versions, lists and decimal commas: each part is a number of its own
                for (String part : token.split("[.,]+")) {
                    numbers.add(new Quoted(part, new BigDecimal(part)));
                }
            }
        }
        return numbers;
    }

    /** {@code A1}, {@code x_2}, {@code gpt-4o}, {@code COVID-19}: a number right after a letter, or a letter and a dash. */
    private static boolean partOfAName(String text, int start) {
        if (start == 0) {
            return false;
        }
        char before = text.charAt(start - 1);
        if (Character.isLetter(before) || before == '_') {
            return true;
        }
        return before == '-' && start >= 2 && Character.isLetter(text.charAt(start - 2));
    }

    @Override
    public String toString() {
        return NAME;
    }
}
