package io.agent4j.openai.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The one place that hides secrets: every message the OpenAI client builds from what a server sent
 * (error bodies, stream chunks, a redirect's {@code Location}, an I/O error's text) and every log line
 * passes through {@link #redact}, and every cause it attaches through {@link #cause}.
 *
 * <p>Three rules, in order: the configured key, whatever its shape (OpenAI's {@code sk-…}, a project's
 * {@code sk-proj-…}, Azure's 32 letters and digits), and the base URL's password become {@code ***};
 * the user name and password of any URL ({@code https://user:pass@host}) become {@code ***}; anything
 * else that looks like an OpenAI key becomes {@code sk-***}. A configured secret shorter than
 * {@value #MIN_SECRET} characters is a placeholder (local servers take any key, such as
 * {@code ollama}) and is left alone, so that it does not blank out ordinary words.
 */
public final class Redactor {

    /** Secrets shorter than this are placeholders, not redacted word by word. */
    static final int MIN_SECRET = 8;

    private static final Pattern KEY_LIKE = Pattern.compile("sk-[A-Za-z0-9_*\\-]{4,}");
    private static final Pattern URL_USER_INFO = Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.\\-]*://)[^\\s/?#@\"'<>]+@");

    /** Hides only keys of OpenAI's shape and the user info of URLs. */
    public static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /**
     * A redactor of {@code apiKey} and of the password of {@code baseUrl}.
     *
     * @param apiKey the configured key, or null
     * @param baseUrl the configured base URL, or null
     */
    public static Redactor of(String apiKey, HttpUrl baseUrl) {
        List<String> secrets = new ArrayList<>(3);
        add(secrets, apiKey);
        if (baseUrl != null) {
            add(secrets, baseUrl.password());
            add(secrets, baseUrl.encodedPassword());
        }
        // the longest first, so that a secret containing another is replaced whole
        secrets.sort((a, b) -> b.length() - a.length());
        return new Redactor(List.copyOf(secrets));
    }

    private static void add(List<String> secrets, String secret) {
        if (secret != null && secret.strip().length() >= MIN_SECRET && !secrets.contains(secret.strip())) {
            secrets.add(secret.strip());
        }
    }

    /** The text without any secret; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "***");
        }
        result = URL_USER_INFO.matcher(result).replaceAll("$1***@");
        return KEY_LIKE.matcher(result).replaceAll("sk-***");
    }

    /** A URL for messages and logs: its user name and password, if any, shown as {@code ***}. */
    public static String display(HttpUrl url) {
        return url.username().isEmpty() && url.password().isEmpty() ? url.toString()
                : url.newBuilder().username("***").password("").build().toString();
    }

    /**
     * The cause to attach to an exception: {@code cause} itself when no message in its chain holds a
     * secret, otherwise a copy of the chain whose messages are redacted (a JSON parser's error, for one,
     * quotes the text it could not read).
     */
    public Throwable cause(Throwable cause) {
        if (cause == null || isClean(cause)) {
            return cause;
        }
        return copy(cause);
    }

    private boolean isClean(Throwable t) {
        for (Throwable at = t; at != null; at = at.getCause() == at ? null : at.getCause()) {
            String message = at.getMessage();
            if (message != null && !message.equals(redact(message))) {
                return false;
            }
            for (Throwable suppressed : at.getSuppressed()) {
                if (!isClean(suppressed)) {
                    return false;
                }
            }
        }
        return true;
    }

    private RedactedCause copy(Throwable t) {
        Throwable inner = t.getCause() == null || t.getCause() == t ? null : copy(t.getCause());
        RedactedCause copy = new RedactedCause(t.getClass().getName(), redact(t.getMessage()), inner);
        copy.setStackTrace(t.getStackTrace());
        for (Throwable suppressed : t.getSuppressed()) {
            copy.addSuppressed(copy(suppressed));
        }
        return copy;
    }

    /** A cause whose message held a secret: its class name, its redacted message and its stack trace. */
    static final class RedactedCause extends Exception {
        private final String className;

        RedactedCause(String className, String message, Throwable cause) {
            super(message, cause);
            this.className = className;
        }

        @Override
        public String toString() {
            return getMessage() == null ? className : className + ": " + getMessage();
        }
    }
}
