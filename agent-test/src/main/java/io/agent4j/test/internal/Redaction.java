package io.agent4j.test.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a cassette must never hold, replaced in every text of it: secret values given literally,
 * credentials by their shape, and the user's own patterns.
 */
public final class Redaction {

    /** What replaces a secret. */
    public static final String REDACTED = "[REDACTED]";

    private static final Pattern HEADER = Pattern.compile(
            "(?i)\\b(Authorization|OpenAI-Organization|OpenAI-Project|api[-_]?key)([\"']?\\s*[:=]\\s*[\"']?)"
                    + "((?:Bearer|Basic)\\s+)?(?!(?:Bearer|Basic)\\s)[^\\s\"',;\\[]+");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(Bearer)\\s+[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern OPENAI_KEY = Pattern.compile("\\bsk-[A-Za-z0-9_-]{16,}");
    private static final Pattern ORGANIZATION = Pattern.compile("\\borg-[A-Za-z0-9]{12,}");

    private final List<String> secrets;
    private final List<Pattern> patterns;

    private Redaction(List<String> secrets, List<Pattern> patterns) {
        this.secrets = secrets;
        this.patterns = patterns;
    }

    /**
     * A redaction of the values of {@code secretVariables} in {@code environment} (those of at least
     * four characters) and of the regular expressions {@code patterns}, besides the credentials it
     * always looks for.
     *
     * @throws IllegalArgumentException naming a pattern that is not a regular expression
     */
    public static Redaction of(List<String> secretVariables, Map<String, String> environment, List<String> patterns) {
        List<String> secrets = new ArrayList<>();
        for (String variable : secretVariables) {
            String value = environment.get(variable);
            if (value != null && value.strip().length() >= 4) {
                secrets.add(value.strip());
            }
        }
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        List<Pattern> compiled = new ArrayList<>();
        for (String pattern : patterns) {
            try {
                compiled.add(Pattern.compile(pattern));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("@AgentTest(redact = ...) holds \"" + pattern
                        + "\", which is not a regular expression: " + e.getDescription(), e);
            }
        }
        return new Redaction(List.copyOf(secrets), List.copyOf(compiled));
    }

    /** {@code text} with every secret replaced by {@value #REDACTED}. */
    public String apply(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, REDACTED);
        }
        result = HEADER.matcher(result).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + m.group(2) + (m.group(3) == null ? "" : m.group(3)) + REDACTED));
        result = BEARER.matcher(result).replaceAll("$1 " + Matcher.quoteReplacement(REDACTED));
        result = OPENAI_KEY.matcher(result).replaceAll(Matcher.quoteReplacement(REDACTED));
        result = ORGANIZATION.matcher(result).replaceAll(Matcher.quoteReplacement("org-" + REDACTED));
        for (Pattern pattern : patterns) {
            result = pattern.matcher(result).replaceAll(Matcher.quoteReplacement(REDACTED));
        }
        return result;
    }

    /** Redacts every text value inside {@code node}, in place. */
    public void applyTo(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (value.isString()) {
                    object.put(name, apply(value.stringValue()));
                } else {
                    applyTo(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isString()) {
                    array.set(i, array.stringNode(apply(value.stringValue())));
                } else {
                    applyTo(value);
                }
            }
        }
    }
}
