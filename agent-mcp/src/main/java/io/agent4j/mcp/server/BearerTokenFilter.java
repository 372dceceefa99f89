package io.agent4j.mcp.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Lets through only requests that carry the server's token as {@code Authorization: Bearer
 * <token>}, on every path and method; the others get 401. The token is compared in constant time,
 * as SHA-256 digests, so that neither its content nor its length shows in how long a refusal takes.
 */
final class BearerTokenFilter implements Filter {

    private static final String PREFIX = "Bearer ";

    private final byte[] expected;

    BearerTokenFilter(String token) {
        this.expected = sha256(token);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (authorized(http.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse refusal = (HttpServletResponse) response;
        refusal.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        refusal.setHeader("WWW-Authenticate", "Bearer realm=\"agent4j-mcp\"");
        refusal.setContentType("text/plain;charset=UTF-8");
        refusal.getWriter().write("Unauthorized: send the server's token as the header "
                + "'Authorization: Bearer <token>'.\n");
    }

    boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        return MessageDigest.isEqual(expected, sha256(header.substring(PREFIX.length()).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
