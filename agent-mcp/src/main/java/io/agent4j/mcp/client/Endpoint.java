package io.agent4j.mcp.client;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Where an MCP server is: a program to start (stdio) or an address (Streamable HTTP, else SSE). */
sealed interface Endpoint {

    /** The server for messages: its command line or its URL. */
    String describe();

    /** A short label for log lines and thread names, before the server has told its name. */
    String label();

    /**
     * A program agent4j starts and talks to on its stdin and stdout.
     *
     * @param command the program and its arguments
     * @param environment variables set for it on top of this process's
     * @param directory its working directory, or null for this process's
     */
    record Stdio(List<String> command, Map<String, String> environment, Path directory) implements Endpoint {

        public Stdio {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }

        @Override
        public String describe() {
            return String.join(" ", command);
        }

        /** Each word of the command by its file name: {@code node index.js stdio}. */
        @Override
        public String label() {
            String words = command.stream().map(Stdio::fileName).collect(Collectors.joining(" "));
            return words.length() <= 60 ? words : words.substring(0, 57) + "...";
        }

        private static String fileName(String word) {
            int slash = Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\'));
            return slash >= 0 && slash < word.length() - 1 ? word.substring(slash + 1) : word;
        }
    }

    /**
     * A server at an address: Streamable HTTP, or the older HTTP with SSE when the server takes
     * nothing else.
     *
     * @param url the server's MCP endpoint, e.g. {@code http://127.0.0.1:3001/mcp}
     * @param headers sent with every request, such as {@code Authorization}
     */
    record Http(URI url, Map<String, String> headers) implements Endpoint {

        public Http {
            headers = Map.copyOf(headers);
        }

        @Override
        public String describe() {
            return url.toString();
        }

        @Override
        public String label() {
            return url.getAuthority() + url.getPath();
        }
    }
}
