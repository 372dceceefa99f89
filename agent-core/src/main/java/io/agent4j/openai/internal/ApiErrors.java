package io.agent4j.openai.internal;

import io.agent4j.AuthenticationException;
import io.agent4j.BadRequestException;
import io.agent4j.NotFoundException;
import io.agent4j.PermissionDeniedException;
import io.agent4j.QuotaExceededException;
import io.agent4j.ServerException;
import io.agent4j.ModelApiException;
import io.agent4j.RateLimitException;
import io.agent4j.chat.internal.ChatJson;
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
        String message = null;
        String type = null;
        String code = null;
        String param = null;
        try {
            JsonNode root = ChatJson.MAPPER.readTree(body);
            JsonNode error = root == null ? ChatJson.MAPPER.missingNode() : root.path("error");
            if (error.isObject()) {
                message = ChatJson.text(error.get("message"));
                type = ChatJson.text(error.get("type"));
                code = ChatJson.text(error.get("code"));
                param = ChatJson.text(error.get("param"));
            } else if (error.isString()) {
                message = error.stringValue();
            } else if (root != null && root.isObject()) {
                // no "error" wrapper: older vLLM ({"object":"error","message",...}) and FastAPI ({"detail"})
                message = ChatJson.text(root.has("message") ? root.get("message") : root.get("detail"));
                message = message == null ? null : abbreviate(message);
                type = root.path("type").isString() ? root.get("type").stringValue() : null;
                code = ChatJson.text(root.get("code"));
                param = ChatJson.text(root.get("param"));
            } else if (root != null && !root.isMissingNode() && !root.isObject()) {
                message = notJson(body);
            }
        } catch (JacksonException e) {
            message = notJson(body);
        }
        message = redactor.redact(message == null || message.isBlank() ? "(no message)" : message.strip());
        String detail = redactor.redact("HTTP " + status + (code == null ? "" : " " + code) + ": " + message
                + (requestId == null ? "" : " [request id " + requestId + "]"));
        String hint = param == null ? "" : "; the parameter at fault is '" + param + "'";
        String end = note == null ? "" : " " + note;
        return switch (status) {
            case 400, 422 -> new BadRequestException("The model server refused the request as invalid (" + detail + ")"
                    + hint + "." + end, status, type, code, param, requestId);
            case 401 -> new AuthenticationException("The API key was rejected (" + detail
                    + "). Check OPENAI_API_KEY or --api-key." + end, status, type, code, requestId);
            case 403 -> new PermissionDeniedException("The API key may not do this (" + detail + "). Check the "
                    + "key's project, organization and model access." + end, status, type, code, param, requestId);
            case 404 -> new NotFoundException("The model server" + (endpoint == null ? "" : " at " + endpoint)
                    + " does not know " + (model == null ? "this model" : "the model '" + model + "'")
                    + " or this endpoint (" + detail + "). Check --model and --base-url." + end, status, type, code, param,
                    requestId);
            case 429 -> "insufficient_quota".equals(code) || "insufficient_quota".equals(type)
                    ? new QuotaExceededException("The account's quota is used up (" + detail + "). Add credit "
                            + "or use another key; waiting will not help." + end, type, code, requestId)
                    : new RateLimitException("The model server is rate limiting this key (" + detail
                            + "). Wait and try again, or lower the request rate." + end, type, code, requestId);
            default -> status >= 500
                    ? new ServerException("The model server failed (" + detail + ")." + end, status, type, code, param,
                            requestId)
                    : new ModelApiException("The model server refused the request (" + detail + ")" + hint + "." + end,
                            status, type, code, param, requestId);
        };
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
                + "address."), status, null, null, null, requestId);
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
