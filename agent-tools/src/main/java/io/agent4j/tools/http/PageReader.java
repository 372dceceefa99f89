package io.agent4j.tools.http;

import io.agent4j.tools.internal.Utf8Text;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/** Reads a response into an {@link HttpPage}: text bodies up to the size cap, binary ones not at all. */
final class PageReader {

    private static final List<String> TEXT_SUBTYPES =
            List.of("json", "xml", "javascript", "ecmascript", "yaml", "csv", "x-www-form-urlencoded", "html");

    private PageReader() {
    }

    static HttpPage read(HttpUrl url, Response response, int maxBytes) throws IOException {
        ResponseBody body = response.body();
        MediaType type = body.contentType();
        String contentType = response.header("Content-Type");
        if (!isText(type)) {
            return new HttpPage(url.toString(), response.code(), contentType, "", false,
                    "The body is binary (" + contentType + ") and is not shown.");
        }
        BufferedSource source = body.source();
        boolean truncated = source.request(maxBytes + 1L);
        byte[] bytes = source.getBuffer().readByteArray(Math.min(source.getBuffer().size(), maxBytes));
        Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
        String text = charset.equals(StandardCharsets.UTF_8) ? Utf8Text.decode(bytes, bytes.length, truncated)
                : new String(bytes, charset);
        return new HttpPage(url.toString(), response.code(), contentType, text, truncated,
                truncated ? "Only the first " + bytes.length + " bytes of the body are shown (the size cap)." : null);
    }

    /** Text types, and bodies without a (readable) type, which are tried as text. */
    private static boolean isText(MediaType type) {
        if (type == null || type.type().equals("text")) {
            return true;
        }
        return TEXT_SUBTYPES.stream().anyMatch(type.subtype()::contains);
    }
}
