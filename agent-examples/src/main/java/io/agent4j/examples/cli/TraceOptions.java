package io.agent4j.examples.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --trace-file FILE} and {@code --otlp-endpoint URL} of {@code run} and {@code chat}: where
 * the spans of the runs go, as OpenTelemetry traces.
 */
final class TraceOptions {

    /** The path an OTLP/HTTP collector takes traces at, under its base URL. */
    static final String TRACES_PATH = "/v1/traces";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--trace-file", paramLabel = "FILE",
            description = "Write the spans of the run (invoke_agent, chat, execute_tool) to FILE as OTLP JSON, one "
                    + "ExportTraceServiceRequest a line, which an OTLP/HTTP collector accepts and Jaeger imports; "
                    + "'agent4j trace FILE' shows it as a timeline. FILE is created (with its folders), or emptied "
                    + "first.")
    private Path traceFile;

    @Option(names = "--otlp-endpoint", paramLabel = "URL",
            description = "Export the spans of the run to the OpenTelemetry collector at URL over OTLP/HTTP "
                    + "(protobuf): its base URL, http://localhost:4318, to which " + TRACES_PATH + " is added, or the "
                    + "whole URL ending in " + TRACES_PATH + ".")
    private String otlpEndpoint;

    /** Creates the options; picocli calls this. */
    TraceOptions() {
    }

    /** Whether the runs are traced: {@code --trace-file} or {@code --otlp-endpoint} was given. */
    boolean tracing() {
        return traceFile != null || otlpEndpoint != null;
    }

    /**
     * Starts the tracing the options ask for, with the file created and the endpoint checked; none
     * without them.
     *
     * @throws ParameterException for a file (or its folders, made when missing) that cannot be written, a
     *     folder, or an endpoint that is not an http or https URL
     */
    Tracing start() {
        if (!tracing()) {
            return Tracing.NONE;
        }
        URI endpoint = otlpEndpoint == null ? null : endpoint();
        if (traceFile != null) {
            if (Files.isDirectory(traceFile)) {
                throw usage("--trace-file " + traceFile + ": is a folder; give the file to write the trace to, such "
                        + "as run.json");
            }
        }
        try {
            Path folder = traceFile == null ? null : traceFile.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            return Tracing.start(traceFile, endpoint);
        } catch (java.io.IOException e) {
            throw usage("--trace-file " + traceFile + ": cannot be written (" + e.getMessage() + "); give a file "
                    + "you may write");
        }
    }

    /** The URL the spans are sent to: the endpoint's, with {@code /v1/traces} unless it ends so. */
    private URI endpoint() {
        URI uri;
        try {
            uri = new URI(otlpEndpoint.strip());
        } catch (URISyntaxException e) {
            throw usage("--otlp-endpoint " + otlpEndpoint + ": is not a URL (" + e.getReason() + "); give the "
                    + "collector's OTLP/HTTP address, such as http://localhost:4318");
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null) {
            throw usage("--otlp-endpoint " + otlpEndpoint + ": must be an http:// or https:// URL, the collector's "
                    + "OTLP/HTTP address, such as http://localhost:4318");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.endsWith(TRACES_PATH)) {
            return uri;
        }
        String base = uri.toString().replaceFirst("/+$", "");
        return URI.create(base + TRACES_PATH);
    }

    private ParameterException usage(String message) {
        return ToolOptions.usage(spec, message);
    }
}
