package io.agent4j.tools.http;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The {@code http_get} tool: fetches a URL as text, with a size cap and a timeout, refusing
 * addresses of the local machine and private networks. Every host is canonicalised first (numeric
 * spellings such as {@code 2130706433} or {@code 0x7f.1} become {@code 127.0.0.1}); the check then
 * applies to every address a host name resolves to, to IP literals, and again to the address and
 * port each socket connects to; redirects are followed one by one (at most {@value #MAX_REDIRECTS}),
 * each canonicalised and checked again. Allow-list entries may name a port; without one they allow
 * ports 80 and 443 only. Only http and https; no proxy, no cookies.
 *
 * <pre>{@code
 * try (HttpTools http = new HttpTools(List.of("wiki.internal"), Duration.ofSeconds(10), 256 * 1024)) {
 *     http.get("https://example.org/");
 * }
 * }</pre>
 *
 * <p>It keeps connections open between calls, as OkHttp does, for five minutes at most; {@link #close()}
 * closes them at once. It owns no thread of its own: calls run on the caller's thread.
 */
public class HttpTools implements AutoCloseable {

    /** The most redirects one call follows. */
    public static final int MAX_REDIRECTS = 5;

    private static final Pattern SCHEME = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*):");

    private final AddressPolicy policy;
    private final OkHttpClient client;
    private final Duration timeout;
    private final int maxBytes;
    private volatile boolean closed;

    /** The defaults of the {@code http} pack: no allow-list, 10 s timeout, 256 KiB cap. */
    public HttpTools() {
        this(List.of(), Duration.ofSeconds(HttpPack.DEFAULT_TIMEOUT_SECONDS), HttpPack.DEFAULT_MAX_BYTES);
    }

    /**
     * @param allow hosts (names or IP literals), each optionally with a port, that may be fetched even
     *     when their addresses are refused, e.g. {@code wiki.internal} (ports 80 and 443) or
     *     {@code 127.0.0.1:8080} (that port only)
     * @param timeout the longest one request (connecting, waiting, reading) may take
     * @param maxBytes the most bytes of a body that are read
     * @throws IllegalArgumentException when an allow-list entry is not a host
     */
    public HttpTools(Collection<String> allow, Duration timeout, int maxBytes) {
        if (timeout.isNegative() || timeout.isZero() || maxBytes < 1) {
            throw new IllegalArgumentException("timeout and maxBytes must be positive");
        }
        this.policy = new AddressPolicy(allow);
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.client = new OkHttpClient.Builder()
                .followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(false)
                .proxy(Proxy.NO_PROXY).cookieJar(CookieJar.NO_COOKIES)
                .dns(new GuardedDns(policy)).socketFactory(new GuardedSocketFactory(policy))
                .callTimeout(timeout).connectTimeout(timeout).readTimeout(timeout)
                .build();
    }

    /**
     * Fetches a URL and returns its status, content type and text.
     *
     * @throws IllegalArgumentException for a malformed URL, another scheme, a refused address or too
     *     many redirects
     * @throws IllegalStateException when the server cannot be reached or does not answer in time, or the
     *     tools were closed
     */
    @Tool(name = "http_get", value = "Fetches a web page or API response with HTTP GET and returns the final "
            + "URL (after redirects), the status code, the content type and the body as text. Bodies "
            + "longer than the size cap are cut (truncated is true); binary bodies are not shown. Only "
            + "http and https URLs of public hosts: addresses of this machine and of private networks "
            + "are refused.")
    public HttpPage get(@Param("Absolute http or https URL, e.g. https://example.org/page?q=1") String url) {
        if (closed) {
            throw new IllegalStateException("These http tools were closed; make new ones to fetch " + url);
        }
        HttpUrl first = canonical(parse(url), null);
        HttpUrl current = first;
        for (int redirects = 0; ; redirects++) {
            HttpUrl origin = redirects == 0 ? null : first;
            check(current, origin);
            try (Response response = client.newCall(request(current)).execute()) {
                String location = response.isRedirect() ? response.header("Location") : null;
                if (location == null) {
                    return PageReader.read(current, response, maxBytes);
                }
                if (redirects == MAX_REDIRECTS) {
                    throw new IllegalArgumentException("Stopped after " + MAX_REDIRECTS + " redirects (the last "
                            + "from " + current + " to " + location + "); the URL redirects too often.");
                }
                HttpUrl next = current.resolve(location);
                if (next == null) {
                    throw new IllegalArgumentException("Refused the redirect from " + current + " to '"
                            + location + "': only http and https URLs can be fetched.");
                }
                current = canonical(next, first);
            } catch (IOException e) {
                throw failure(e, current, origin);
            }
        }
    }

    /** Closes the connections kept open for later calls; a call after this fails. Idempotent. */
    @Override
    public void close() {
        closed = true;
        client.connectionPool().evictAll();
    }

    private static HttpUrl parse(String url) {
        String text = url == null ? "" : url.trim();
        Matcher scheme = SCHEME.matcher(text);
        if (!scheme.lookingAt()) {
            throw new IllegalArgumentException("'" + url + "' has no scheme; give an absolute URL such as "
                    + "https://example.org/page.");
        }
        String lower = scheme.group(1).toLowerCase(Locale.ROOT);
        if (!lower.equals("http") && !lower.equals("https")) {
            throw new IllegalArgumentException("Refused '" + url + "': only http and https URLs can be "
                    + "fetched, not " + lower + ".");
        }
        HttpUrl parsed = HttpUrl.parse(text);
        if (parsed == null) {
            throw new IllegalArgumentException("'" + url + "' is not a valid http(s) URL; give one such as "
                    + "https://example.org/page.");
        }
        return parsed;
    }

    /** Refuses an IP literal at once, with a clear message, before any call is made. */
    private void check(HttpUrl url, HttpUrl origin) {
        if (policy.allows(url.host(), url.port())) {
            return;
        }
        InetAddress literal = AddressPolicy.literal(url.host());
        String refusal = literal == null ? null : AddressPolicy.classify(literal);
        if (refusal != null) {
            throw refused(url, origin, url.host() + " is " + refusal + portsNote(url));
        }
    }

    /** Why an allow-listed host is refused on this port, or nothing. */
    private String portsNote(HttpUrl url) {
        List<Integer> ports = List.copyOf(policy.allowedPorts(url.host()));
        if (ports.isEmpty()) {
            return "";
        }
        String listed = ports.size() == 1 ? "port " + ports.get(0) : "ports "
                + String.join(", ", ports.subList(0, ports.size() - 1).stream().map(String::valueOf).toList())
                + " and " + ports.get(ports.size() - 1);
        return ", allow-listed only on " + listed;
    }

    /** {@code url} with a canonical host, or a refusal naming the URL and where it came from. */
    private static HttpUrl canonical(HttpUrl url, HttpUrl origin) {
        try {
            return AddressPolicy.canonical(url);
        } catch (IllegalArgumentException e) {
            String target = origin == null ? url.toString() : "the redirect from " + origin + " to " + url;
            throw new IllegalArgumentException("Refused " + target + ": " + e.getMessage() + "; write an IP "
                    + "address as four numbers from 0 to 255, e.g. 93.184.215.14, or use a host name.");
        }
    }

    private static Request request(HttpUrl url) {
        return new Request.Builder().url(url).get()
                .header("User-Agent", "agent4j-http_get")
                .header("Accept", "text/html, text/plain, application/json, application/xml;q=0.9, */*;q=0.5")
                .build();
    }

    private RuntimeException failure(IOException e, HttpUrl url, HttpUrl origin) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            AddressRefusedException refused = refusedIn(t);
            if (refused != null) {
                return refused(url, origin, refused.getMessage() + portsNote(url));
            }
        }
        if (e instanceof InterruptedIOException) {
            return new IllegalStateException("No complete answer from " + url + " within " + timeout.toSeconds()
                    + " s; try again later or another URL.", e);
        }
        return new IllegalStateException("Could not fetch " + url + ": " + e, e);
    }

    private static AddressRefusedException refusedIn(Throwable t) {
        if (t instanceof AddressRefusedException refused) {
            return refused;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (suppressed instanceof AddressRefusedException refused) {
                return refused;
            }
        }
        return null;
    }

    private static IllegalArgumentException refused(HttpUrl url, HttpUrl origin, String why) {
        String target = origin == null ? url.toString() : "the redirect from " + origin + " to " + url;
        return new IllegalArgumentException("Refused " + target + ": " + why + ". Addresses of this machine "
                + "and of private, link-local and other internal networks cannot be fetched.");
    }
}
