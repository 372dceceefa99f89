package io.agent4j.tools.http;

/**
 * What a GET returned, as text.
 *
 * @param url the URL that answered, after any redirects
 * @param status the HTTP status code, e.g. 200 or 404
 * @param contentType the Content-Type header, or null when there was none
 * @param body the body as text (empty for a binary body), cut at the size cap
 * @param truncated whether the body was longer than the size cap
 * @param note null, or what was left out and why
 */
public record HttpPage(String url, int status, String contentType, String body, boolean truncated, String note) {
}
