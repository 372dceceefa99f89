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
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Turns an error response of the API into a typed exception whose message hides any key. */
public final class ApiErrors {

    private static final Pattern KEY_LIKE = Pattern.compile("sk-[A-Za-z0-9_*\\-]{4,}");

    private ApiErrors() {
    }

    /**
     * The exception for an HTTP error.
     *
     * @param status the HTTP status
     * @param body the response body, which may not be JSON at all
     * @param requestId the {@code x-request-id} header, or null
     * @param apiKey the key to redact from anything the server echoed
     */
    public static ModelApiException toException(int status, String body, String requestId, String apiKey) {
        String message = null;
        String type = null;
        String code = null;
        String param = null;
        try {
            JsonNode error = ChatJson.MAPPER.readTree(body).path("error");
            if (error.isObject()) {
                message = ChatJson.text(error.get("message"));
                type = ChatJson.text(error.get("type"));
                code = ChatJson.text(error.get("code"));
                param = ChatJson.text(error.get("param"));
            } else if (error.isString()) {
                message = error.stringValue();
            }
        } catch (JacksonException e) {
            message = body.length() > 200 ? body.substring(0, 200) + "..." : body;
        }
        message = redact(message == null || message.isBlank() ? "(no message)" : message.strip(), apiKey);
        String detail = "HTTP " + status + (code == null ? "" : " " + code) + ": " + message
                + (requestId == null ? "" : " [request id " + requestId + "]");
        String hint = param == null ? "" : "; the parameter at fault is '" + param + "'";
        return switch (status) {
            case 400, 422 -> new BadRequestException("The model server refused the request as invalid (" + detail + ")"
                    + hint + ".", status, type, code, param, requestId);
            case 401 -> new AuthenticationException("The API key was rejected (" + detail
                    + "). Check OPENAI_API_KEY or --api-key.", status, type, code, requestId);
            case 403 -> new PermissionDeniedException("The API key may not do this (" + detail + "). Check the "
                    + "key's project, organization and model access.", status, type, code, param, requestId);
            case 404 -> new NotFoundException("The model server does not know this model or endpoint (" + detail
                    + "). Check --model and --base-url.", status, type, code, param, requestId);
            case 429 -> "insufficient_quota".equals(code) || "insufficient_quota".equals(type)
                    ? new QuotaExceededException("The account's quota is used up (" + detail + "). Add credit "
                            + "or use another key; waiting will not help.", type, code, requestId)
                    : new RateLimitException("The model server is rate limiting this key (" + detail
                            + "). Wait and try again, or lower the request rate.", type, code, requestId);
            default -> status >= 500
                    ? new ServerException("The model server failed (" + detail + ").", status, type, code, param,
                            requestId)
                    : new ModelApiException("The model server refused the request (" + detail + ")" + hint + ".",
                            status, type, code, param, requestId);
        };
    }

    /** Removes the key and anything that looks like an OpenAI key from a text. */
    public static String redact(String text, String apiKey) {
        if (text == null) {
            return null;
        }
        String result = apiKey == null || apiKey.isEmpty() ? text : text.replace(apiKey, "***");
        return KEY_LIKE.matcher(result).replaceAll("sk-***");
    }
}
