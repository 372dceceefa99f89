package io.agent4j.examples.cli;

import io.agent4j.answer.AnswerType;
import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.examples.Example;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The options of {@code run} for a typed answer: {@code --output-schema FILE} or
 * {@code --output-type CLASS} (at most one), {@code --max-repairs N} and
 * {@code --structured-output}. Without the first two, the answer is the example's type, if it has
 * one, else text.
 */
final class AnswerOptions {

    /** The largest schema file read. */
    static final int MAX_SCHEMA = 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @ArgGroup(exclusive = true)
    private Choice choice;

    @Option(names = "--max-repairs", paramLabel = "N", defaultValue = "2",
            description = "How often the model is asked to repair a typed answer that does not parse, match its "
                    + "schema or bind, told exactly what was wrong; default ${DEFAULT-VALUE}, 0 for none.")
    private int maxRepairs;

    @Option(names = "--structured-output", paramLabel = "json_schema|json_object|instructions",
            description = "How the server is asked for a typed answer: json_schema (response_format json_schema, "
                    + "the default), json_object (JSON mode, the schema in the system message) or instructions "
                    + "(the schema in the system message only), for servers without json_schema; default "
                    + "structured-output in ~/.agent4j/config.properties, else json_schema.")
    private String structuredOutput;

    /** {@code --output-schema} and {@code --output-type}, of which at most one may be given. */
    static final class Choice {

        @Option(names = "--output-schema", paramLabel = "FILE", required = true,
                description = "Answer with JSON that matches the JSON schema in FILE (its root an object): the answer "
                        + "is checked against it, repaired when it does not match, and printed on stdout.")
        private Path schema;

        @Option(names = "--output-type", paramLabel = "CLASS", required = true,
                description = "Answer with a value of this class (a record, an enum ...), found on the class path "
                        + "or in the --tools jars: its JSON is checked, bound, repaired when it does not fit, and "
                        + "printed on stdout.")
        private String type;
    }

    /** Creates the options; picocli calls this. */
    AnswerOptions() {
    }

    /** {@code --structured-output} as given, or null. */
    String structuredOutput() {
        return structuredOutput;
    }

    /**
     * {@code --max-repairs}, checked.
     *
     * @throws ParameterException when it is negative
     */
    int maxRepairs() {
        if (maxRepairs < 0) {
            throw ToolOptions.usage(spec, "--max-repairs must be 0 or more, was " + maxRepairs);
        }
        return maxRepairs;
    }

    /** Whether {@code --output-schema} or {@code --output-type} was given. */
    boolean given() {
        return choice != null;
    }

    /**
     * The type of the answer: that of {@code --output-schema} or {@code --output-type}, else the
     * example's; null for an answer in text.
     *
     * @param chosen the example, or null
     * @param jars the {@code --tools} jars, where {@code --output-type} looks after the class path
     * @throws ParameterException saying what is wrong with the file or the class
     */
    AnswerType<?> answerType(Example chosen, List<Path> jars) {
        if (choice == null) {
            return chosen == null || !chosen.typed() ? null : AnswerType.of(chosen.answerType());
        }
        return choice.schema != null ? ofSchema(choice.schema) : ofType(choice.type, jars);
    }

    private AnswerType<?> ofSchema(Path file) {
        String where = "--output-schema " + file + ": ";
        if (!Files.exists(file)) {
            throw usage(where + "no such file; give a JSON schema file");
        }
        if (Files.isDirectory(file)) {
            throw usage(where + "is a folder, not a JSON schema file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_SCHEMA + 1);
        } catch (AccessDeniedException e) {
            throw usage(where + "cannot be read (permission denied)");
        } catch (IOException e) {
            throw usage(where + "cannot be read (" + e.getMessage() + ")");
        }
        if (bytes.length > MAX_SCHEMA) {
            throw usage(where + "is larger than 1 MiB; a JSON schema for an answer is far smaller");
        }
        JsonNode schema;
        try {
            schema = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw usage(where + "is not JSON: " + e.getOriginalMessage() + at(e.getLocation()));
        }
        if (schema == null || schema.isMissingNode()) {
            throw usage(where + "is empty; put a JSON schema in it, such as {\"type\": \"object\", \"properties\": "
                    + "{...}}");
        }
        if (!(schema instanceof ObjectNode object)) {
            throw usage(where + "holds a JSON " + schema.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", not a JSON schema (an object)");
        }
        try {
            return AnswerType.ofSchema(schemaName(file), object);
        } catch (IllegalArgumentException e) {
            throw usage(where + e.getMessage());
        }
    }

    /** {@code invoice.schema.json} gives {@code invoice}: the file's name without its extensions, as the API allows. */
    static String schemaName(Path file) {
        String name = file.getFileName().toString();
        name = name.replaceFirst("(?i)\\.json$", "").replaceFirst("(?i)\\.schema$", "");
        name = name.replaceAll("[^a-zA-Z0-9_-]", "_");
        if (name.length() > 64) {
            name = name.substring(0, 64);
        }
        return name.isEmpty() ? "answer" : name;
    }

    private static String at(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private AnswerType<?> ofType(String name, List<Path> jars) {
        String where = "--output-type " + name + ": ";
        Class<?> type;
        try {
            type = Class.forName(name.strip(), false, loader(jars));
        } catch (ClassNotFoundException e) {
            throw usage(where + "no such class on the class path of agent4j or in " + (jars.isEmpty()
                    ? "a --tools jar (none was given)" : "the --tools jars (" + jars.stream().map(Path::toString)
                    .collect(Collectors.joining(", ")) + ")") + "; give the class's full name, as in com.acme.Invoice, "
                    + "or com.acme.Invoice$Line for a nested class, and the jar that holds it with --tools");
        }
        try {
            return AnswerType.of(type);
        } catch (ToolRegistrationException e) {
            throw usage(where + e.getMessage());
        }
    }

    /** The class loader of the command line with the {@code --tools} jars; not closed, as the type's classes live on. */
    private static ClassLoader loader(List<Path> jars) {
        if (jars.isEmpty()) {
            return AnswerOptions.class.getClassLoader();
        }
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new ToolRegistrationException("Tool jar path " + jar + " is not usable: " + e.getMessage(), e);
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), AnswerOptions.class.getClassLoader());
    }

    private ParameterException usage(String message) {
        return ToolOptions.usage(spec, message);
    }
}
