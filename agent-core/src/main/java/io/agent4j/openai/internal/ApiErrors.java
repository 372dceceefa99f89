package io.agent4j.openai.internal;

import io.agent4j.chat.internal.ChatJson;
import io.agent4j.errors.AuthenticationException;
import io.agent4j.errors.BadRequestException;
import io.agent4j.errors.ModelApiException;
import io.agent4j.errors.NotFoundException;
import io.agent4j.errors.PermissionDeniedException;
import io.agent4j.errors.QuotaExceededException;
import io.agent4j.errors.RateLimitException;
import io.agent4j.errors.ServerException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Turns an error response of the API into a typed exception whose message hides any secret. */
public final class ApiErrors {

    private static final Pattern HTML = Pattern.compile("(<!--.*?-->\\s*)*<(!doctype\\s+html|html|head|body|title)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern HEADING = Pattern.compile("<h1[^>]*>(.*?)</h1>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private ApiErrors() {
    }

    /** What an error body says, in whichever of the shapes servers send it. */
    private record Said(String message, String type, String code, String param) {
    }

    /**
     * The exception for an HTTP error, naming the model and the URL when the server says it does not
     * know them (a 404 body need not name either). The body is redacted before anything is read from
     * it, and so is the whole message.
     *
     * @param status the HTTP status
     * @param body the response body (or its start), which may not be JSON at all
     * @param requestId the {@code x-request-id} header, or null
     * @param model the model the request asked for, or null
     * @param endpoint the URL the request went to, as it may be shown, or null
     * @param note a sentence to end the message with (the body was cut, the server's wait is too long), or null
     * @param redactor hides the key and anything else secret the server echoed
     */
    public static ModelApiException toException(int status, String body, String requestId, String model,
            String endpoint, String note, Redactor redactor) {
        body = redactor.redact(body);
        return build(status, "HTTP " + status, read(body), requestId, model, endpoint, note, redactor);
    }

    /**
     * The exception for an error event inside a 200 stream ({@code data: {"error": …}}), typed by what
     * the error says as an HTTP error of that kind would be: a numeric {@code code} that is an HTTP
     * status, else its {@code code} or {@code type} ({@code rate_limit_exceeded} is a
     * {@link RateLimitException}, {@code invalid_request_error} a {@link BadRequestException} …), else a
     * server error.
     *
     * @param data the event's data
     * @param note a sentence to end the message with, or null
     */
    public static ModelApiException fromStreamEvent(String data, String requestId, String model, String endpoint,
            String note, Redactor redactor) {
        Said said = read(redactor.redact(data));
        int status = statusOf(said);
        return build(status, "error event in the stream", said, requestId, model, endpoint, note, redactor);
    }

    /** The HTTP status an error event stands for. */
    static int statusOf(Said said) {
        String code = said.code() == null ? "" : said.code();
        String type = said.type() == null ? "" : said.type();
        if (code.matches("[1-5][0-9][0-9]")) {
            return Integer.parseInt(code);
        }
        String both = code + " " + type;
        if (both.contains("rate_limit") || both.contains("insufficient_quota") || type.equals("tokens")
                || type.equals("requests")) {
            return 429;
        }
        if (both.contains("invalid_api_key") || both.contains("authentication")) {
            return 401;
        }
        if (both.contains("permission")) {
            return 403;
        }
        if (both.contains("not_found")) {
            return 404;
        }
        if (both.contains("invalid_request")) {
            return 400;
        }
        return 500;
    }

    private static ModelApiException build(int status, String label, Said said, String serversRequestId,
            String model, String endpoint, String note, Redactor redactor) {
        String requestId = serversRequestId == null ? null : redactor.redact(serversRequestId);
        String message = said.message();
        message = redactor.redact(message == null || message.isBlank() ? "(no message)" : message.strip());
        String type = said.type();
        String code = said.code();
        String param = said.param();
        // llama.cpp's code is the HTTP status again: "HTTP 400 400:" says nothing more
        boolean shownCode = code != null && !code.equals(String.valueOf(status));
        String detail = redactor.redact(label + (shownCode ? " " + code : "") + ": " + message
                + (requestId == null ? "" : " [request id " + requestId + "]"));
        String hint = param == null ? "" : "; the parameter at fault is '" + param + "'";
        String end = note == null ? "" : " " + note;
        return switch (status) {
            case 400, 422 -> new BadRequestException("The model server refused the request as invalid (" + detail + ")"
                    + hint + "." + end, status, type, code, param, requestId);
            case 401 -> new AuthenticationException("The API key was rejected (" + detail + ")" + hint
                    + ". Check the key given to the builder or in OPENAI_API_KEY." + end, status, type, code, param, requestId);
            case 403 -> new PermissionDeniedException("The API key may not do this (" + detail + ")" + hint
                    + ". Check the key's project, organization and model access." + end, status, type, code, param,
                    requestId);
            case 404 -> new NotFoundException("The model server" + (endpoint == null ? "" : " at " + endpoint)
                    + " does not know " + (model == null ? "this model" : "the model '" + model + "'")
                    + " or this endpoint (" + detail + ")" + hint + ". Check the model name and the base URL." + end, status,
                    type, code, param, requestId);
            case 429 -> "insufficient_quota".equals(code) || "insufficient_quota".equals(type)
                    ? new QuotaExceededException("The account's quota is used up (" + detail + ")" + hint
                            + ". Add credit or use another key; waiting will not help." + end, type, code, param,
                            requestId)
                    : new RateLimitException("The model server is rate limiting this key (" + detail + ")" + hint
                            + ". Wait and try again, or lower the request rate." + end, type, code, param, requestId);
            default -> status >= 500
                    ? new ServerException("The model server failed (" + detail + ")" + hint + "." + end, status, type,
                            code, param, requestId)
                    : new ModelApiException("The model server refused the request (" + detail + ")" + hint + "." + end,
                            status, type, code, param, requestId);
        };
    }

    /**
     * Reads an error body (already redacted) of any shape seen: OpenAI's {@code {"error": {message, type,
     * code, param}}} ({@code code} a number on llama.cpp), {@code {"error": "text"}} (LM Studio),
     * {@code {"error": "TypeError", "message": …}} (Express), no wrapper at all (older vLLM's
     * {@code {"object": "error", "message"}}, FastAPI's {@code {"detail"}}), problem+json with a
     * {@code validation} list (Prism), or no JSON at all.
     */
    private static Said read(String body) {
        JsonNode root;
        try {
            root = ChatJson.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return new Said(notJson(body), null, null, null);
        }
        if (root == null || root.isMissingNode()) {
            return new Said(null, null, null, null);
        }
        if (!root.isObject()) {
            return new Said(notJson(body), null, null, null);
        }
        JsonNode error = root.path("error");
        if (error.isObject()) {
            return new Said(ChatJson.text(error.get("message")), ChatJson.text(error.get("type")),
                    ChatJson.text(error.get("code")), ChatJson.text(error.get("param")));
        }
        if (error.isString() && root.path("message").isString()) {
            // Express: "error" names the JavaScript error, "message" is its text
            return new Said(abbreviate(error.stringValue() + ": " + root.get("message").stringValue()),
                    error.stringValue(), ChatJson.text(root.get("code")), ChatJson.text(root.get("param")));
        }
        if (error.isString()) {
            return new Said(error.stringValue(), null, null, null);
        }
        if (root.path("validation").isArray() && !root.path("validation").isEmpty()) {
            return problem(root);
        }
        String message = ChatJson.text(root.has("message") ? root.get("message") : root.get("detail"));
        return new Said(message == null ? null : abbreviate(message),
                root.path("type").isString() ? root.get("type").stringValue() : null,
                ChatJson.text(root.get("code")), ChatJson.text(root.get("param")));
    }

    /**
     * Prism's problem+json: its {@code title}, then each entry of {@code validation}; the code and the
     * parameter (its {@code location} without {@code body}, as {@code messages[1]}) of the first.
     */
    private static Said problem(JsonNode root) {
        StringBuilder message = new StringBuilder(root.path("title").asString(root.path("detail").asString("")));
        String code = null;
        String param = null;
        String separator = message.isEmpty() ? "" : ": ";
        boolean first = true;
        for (JsonNode entry : root.get("validation")) {
            String where = location(entry.path("location"));
            message.append(separator).append(entry.path("message").asString(""));
            if (first) {
                code = ChatJson.text(entry.get("code"));
                param = where;
            } else if (where != null) {
                message.append(" (at ").append(where).append(")");
            }
            separator = "; ";
            first = false;
        }
        return new Said(abbreviate(message.toString()), ChatJson.text(root.get("type")), code, param);
    }

    /** A validation entry's location as a parameter: {@code ["body","messages","1"]} is {@code messages[1]}. */
    private static String location(JsonNode location) {
        StringBuilder path = new StringBuilder();
        for (JsonNode part : location) {
            String text = part.isNumber() ? part.asString() : part.asString("");
            if (path.isEmpty() && text.equals("body")) {
                continue;
            }
            if (text.matches("[0-9]+")) {
                path.append('[').append(text).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(text);
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    /**
     * The exception for a redirect, which is not followed: following it would send the key and the
     * conversation to an address nobody configured, and a POST may not survive the move.
     */
    public static ModelApiException redirected(int status, String location, String endpoint, String requestId,
            Redactor redactor) {
        return new ModelApiException(redactor.redact("The model server at " + endpoint + " redirected the request (HTTP "
                + status + ") to " + (location == null ? "an address it did not name" : abbreviate(redactor.redact(location)))
                + ". API calls are not "
                + "redirected, so that the key only goes where it was configured to; set the base URL to the new "
                + "address."), status, null, null, null, requestId == null ? null : redactor.redact(requestId));
    }

    /**
     * A readable summary of an error body that is not JSON: an HTML page (a proxy or gateway answered)
     * by its title or first heading, other text with its whitespace collapsed; never more than about
     * 200 characters.
     */
    static String notJson(String body) {
        String text = body == null ? "" : body.strip();
        if (HTML.matcher(text).lookingAt()) {
            Matcher title = TITLE.matcher(text);
            Matcher heading = HEADING.matcher(text);
            String summary = title.find() ? title.group(1) : heading.find() ? heading.group(1) : text;
            summary = TAG.matcher(summary).replaceAll(" ");
            summary = abbreviate(summary.replaceAll("\\s+", " ").strip());
            return "an HTML page, probably from a proxy or gateway rather than the API"
                    + (summary.isEmpty() ? "" : ": '" + summary + "'");
        }
        return abbreviate(text.replaceAll("\\s+", " "));
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
