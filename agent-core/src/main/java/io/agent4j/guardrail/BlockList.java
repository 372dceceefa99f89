package io.agent4j.guardrail;

import io.agent4j.chat.UserMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Words, phrases or patterns that must not pass: on the user's message it stops the run, on the
 * final answer it asks the model to answer again without them (the rejected answer stays in the
 * transcript, as every retried answer does, so that the model sees what to change; when the
 * answer must not be kept at all, write an output guardrail that stops). Made by
 * {@link Guardrails#blockList} and {@link Guardrails#blockPatterns}.
 *
 * <pre>{@code
 * BlockList competitors = Guardrails.blockList("Acme", "Globex").named("competitors");
 * Agent agent = Agent.builder().model(OpenAiChatModel.fromEnv())
 *         .inputGuardrail(competitors).outputGuardrail(competitors).build();
 * }</pre>
 */
public final class BlockList implements InputGuardrail, OutputGuardrail {

    static final String NAME = "block-list";
    /** Neither a letter nor a digit nor an underscore on this side: a whole word starts or ends here. */
    private static final String WORD_START = "(?<![\\p{L}\\p{N}_])";
    private static final String WORD_END = "(?![\\p{L}\\p{N}_])";

    private final String name;
    private final List<Pattern> patterns;

    private BlockList(String name, List<Pattern> patterns) {
        this.name = name;
        this.patterns = List.copyOf(patterns);
    }

    static BlockList ofWords(String... words) {
        List<String> terms = terms(words, "word");
        // longest first, so that "api key" wins over "api" and the whole phrase is reported
        String alternatives = terms.stream().sorted(Comparator.comparingInt(String::length).reversed())
                .map(BlockList::wordPattern).collect(Collectors.joining("|"));
        return new BlockList(NAME, List.of(Pattern.compile(WORD_START + "(?:" + alternatives + ")" + WORD_END,
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
    }

    static BlockList ofPatterns(String... regexes) {
        List<Pattern> patterns = new ArrayList<>();
        for (String regex : terms(regexes, "pattern")) {
            try {
                patterns.add(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("block-list pattern '" + regex + "' is not a valid regular "
                        + "expression: " + e.getDescription() + " (at index " + e.getIndex() + ")", e);
            }
        }
        return new BlockList(NAME, patterns);
    }

    private static List<String> terms(String[] terms, String kind) {
        Objects.requireNonNull(terms, kind + "s");
        if (terms.length == 0) {
            throw new IllegalArgumentException("a block-list needs at least one " + kind);
        }
        for (String term : terms) {
            if (term == null || term.isBlank()) {
                throw new IllegalArgumentException("a block-list " + kind + " must not be blank or null: "
                        + Arrays.toString(terms));
            }
        }
        return List.of(terms);
    }

    /** The word, quoted, its spaces matching any run of white space. */
    private static String wordPattern(String word) {
        return Arrays.stream(word.strip().split("\\s+")).map(Pattern::quote).collect(Collectors.joining("\\s+"));
    }

    /** The same block-list under another name, for events and exceptions, when an agent has several. */
    public BlockList named(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a block-list's name must not be blank or null");
        }
        return new BlockList(name, patterns);
    }

    /** Stops the run when the message's text holds a blocked term, naming the terms found. */
    @Override
    public Verdict check(UserMessage message) {
        List<String> found = find(message.content());
        return found.isEmpty() ? Verdict.pass()
                : Verdict.stop("the message contains blocked " + terms(found) + ": " + quoted(found));
    }

    /** Asks the model to answer again without the blocked terms its answer holds, naming them. */
    @Override
    public Verdict check(FinalAnswer answer) {
        List<String> found = find(answer.text());
        return found.isEmpty() ? Verdict.pass()
                : Verdict.retry("Your answer contains " + quoted(found) + ", which must not appear in an answer. "
                        + "Answer again without " + (found.size() == 1 ? "it" : "them") + ".");
    }

    /** {@code block-list} unless {@link #named} gave another. */
    @Override
    public String name() {
        return name;
    }

    /** What the text holds of the list, as written there, each once (ignoring case), in order. */
    List<String> find(String text) {
        Map<String, String> found = new LinkedHashMap<>();
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                if (!matcher.group().isEmpty()) {
                    found.putIfAbsent(matcher.group().toLowerCase(Locale.ROOT), matcher.group());
                }
            }
        }
        return List.copyOf(found.values());
    }

    private static String terms(List<String> found) {
        return found.size() == 1 ? "term" : "terms";
    }

    private static String quoted(List<String> found) {
        return found.stream().map(term -> "'" + term + "'").collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "BlockList[" + name + ", " + patterns + "]";
    }
}
