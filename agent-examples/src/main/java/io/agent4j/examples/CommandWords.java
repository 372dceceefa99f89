package io.agent4j.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line split into its words as a shell splits it, simply: words are separated by
 * whitespace; single quotes keep everything between them as it is; double quotes keep whitespace
 * and take {@code \"} and {@code \\}; outside quotes a backslash keeps the next character. No
 * variables, globs or other expansions. For the MCP server commands of {@code --mcp} and settings.
 */
public final class CommandWords {

    private CommandWords() {
    }

    /**
     * The words of {@code line}: {@code npx -y "@scope/server" 'my folder'} gives
     * {@code [npx, -y, @scope/server, my folder]}.
     *
     * @throws IllegalArgumentException when a quote is not closed, or there is no word at all
     */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"'
                        || line.charAt(i + 1) == '\\')) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("the " + (quote == '\'' ? "single" : "double") + " quote in '" + line
                    + "' is not closed");
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("'" + line + "' names no program");
        }
        return words;
    }

    /** The words as one line that {@link #split} gives back, each quoted only where it needs to be. */
    public static String join(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String word : words) {
            quoted.add(!word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "@%+=:,./_-"
                    .indexOf(c) >= 0) ? word : "'" + word.replace("'", "'\\''") + "'");
        }
        return String.join(" ", quoted);
    }
}
