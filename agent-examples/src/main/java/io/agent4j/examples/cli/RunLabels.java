package io.agent4j.examples.cli;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.memory.RunRecord;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code agent4j run} keeps with a run ({@code Agent.Builder.runLabels}) so that
 * {@code agent4j resume} makes the same agent again: the options that make the agent, as
 * arguments of {@code run} (paths made absolute, the model and endpoint as they were resolved),
 * and, for people, the example, packs and tool jars. Never the API key.
 */
final class RunLabels {

    /** The arguments of {@code run} that make the agent, a JSON array. */
    static final String ARGS = "agent4j.args";
    /** The example's name, when there is one. */
    static final String EXAMPLE = "agent4j.example";
    /** The ready packs, comma-separated. */
    static final String PACKS = "agent4j.packs";
    /** The {@code --tools} jars, absolute, one a line. */
    static final String TOOLS = "agent4j.tools";
    /** The recording a replayed run replays, absolute. */
    static final String REPLAY = "agent4j.replay";

    /** The command that started the run, when it is not {@code run}: {@code chat}. */
    static final String COMMAND = "agent4j.command";
    /** The {@code --session} of a chat's run. */
    static final String SESSION = "agent4j.session";
    /** How many model calls a chat's session held where its {@code --replay} recording starts. */
    static final String REPLAY_START = "agent4j.replay-start";

    /** Options that do not make the agent (or must never be stored: the key), and the session of {@code chat}. */
    private static final Set<String> LEFT_OUT = Set.of("--api-key", "--approve", "--json", "--show-config",
            "--record", "--image", "--quiet", "--verbose", "--debug", "--help", "--version", "--store", "--session",
            "--trace-file", "--otlp-endpoint");
    /** Options whose value is a file, stored absolute so that a resume from another folder finds it. */
    private static final Set<String> PATHS = Set.of("--tools", "--prices", "--instructions-file", "--output-schema",
            "--replay");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RunLabels() {
    }

    /**
     * The labels of a run of {@code run}, from its parsed command line.
     *
     * @param model the model name in force, stored as {@code --model} unless given so
     * @param baseUrl the endpoint in force, stored as {@code --base-url} unless given so; null for a replay
     */
    static Map<String, String> of(ParseResult parsed, String model, String baseUrl) {
        List<String> args = new ArrayList<>();
        for (OptionSpec option : parsed.matchedOptions()) {
            String name = option.longestName();
            if (LEFT_OUT.contains(name)) {
                continue;
            }
            if (option.arity().max == 0) {
                args.add(name);
                continue;
            }
            for (String value : parsed.matchedOption(name).originalStringValues()) {
                args.add(name);
                args.add(PATHS.contains(name) ? absolute(value)
                        : name.equals("--tool-config") ? setting(value) : value);
            }
        }
        if (baseUrl != null && !parsed.hasMatchedOption("--base-url")) {
            args.addAll(List.of("--base-url", baseUrl));
        }
        if (model != null && !parsed.hasMatchedOption("--model")) {
            args.addAll(List.of("--model", model));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ARGS, JSON.writeValueAsString(args));
        if (parsed.hasMatchedOption("--example")) {
            labels.put(EXAMPLE, parsed.matchedOptionValue("--example", ""));
        }
        if (parsed.hasMatchedOption("--packs")) {
            labels.put(PACKS, String.join(",", parsed.matchedOption("--packs").originalStringValues()));
        }
        if (parsed.hasMatchedOption("--tools")) {
            labels.put(TOOLS, String.join("\n", parsed.matchedOption("--tools").originalStringValues().stream()
                    .map(RunLabels::absolute).toList()));
        }
        if (parsed.hasMatchedOption("--replay")) {
            labels.put(REPLAY, absolute(parsed.matchedOption("--replay").originalStringValues().get(0)));
        }
        return labels;
    }

    /**
     * The labels of a run of {@code chat} in {@code session}: its options that make the agent, as
     * arguments of {@code run} (the two share them), so that {@code agent4j resume} continues it.
     */
    static Map<String, String> ofChat(ParseResult parsed, String session, String model, String baseUrl,
            int replayStart) {
        Map<String, String> labels = new LinkedHashMap<>(of(parsed, model, baseUrl));
        labels.put(COMMAND, "chat");
        labels.put(SESSION, session);
        if (parsed.hasMatchedOption("--replay")) {
            labels.put(REPLAY_START, Integer.toString(replayStart));
        }
        return labels;
    }

    /**
     * Where a resumed run's replay goes on: after the model calls the run made, or, for a chat's run,
     * after those its session holds ({@code messages}) beyond where the chat's recording started.
     */
    static int replayed(RunRecord run, List<Message> messages) {
        return run.labels().containsKey(SESSION) ? modelCalls(messages) - replayStart(run) : run.steps();
    }

    /** How many model calls a chat's session held where the recording of the chat that ran it starts. */
    static int replayStart(RunRecord run) {
        try {
            return Integer.parseInt(run.labels().getOrDefault(REPLAY_START, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** How many model calls made these messages: one for each answer of the model. */
    static int modelCalls(List<Message> messages) {
        return (int) messages.stream().filter(AssistantMessage.class::isInstance).count();
    }

    /**
     * The arguments of {@code run} that make the agent of {@code run}, or null for a run that
     * {@code agent4j run} did not start.
     */
    static List<String> args(RunRecord run) {
        String stored = run.labels().get(ARGS);
        if (stored == null) {
            return null;
        }
        List<String> args = new ArrayList<>();
        for (JsonNode arg : JSON.readTree(stored)) {
            args.add(arg.asString());
        }
        return args;
    }

    /** What agent the run has, for people: {@code example files, packs math, tools /x/t.jar}. */
    static String agent(RunRecord run) {
        List<String> parts = new ArrayList<>();
        Map<String, String> labels = run.labels();
        if (labels.containsKey(SESSION)) {
            parts.add("chat session " + labels.get(SESSION));
        }
        if (labels.containsKey(EXAMPLE)) {
            parts.add("example " + labels.get(EXAMPLE));
        }
        if (labels.containsKey(PACKS)) {
            parts.add("packs " + labels.get(PACKS));
        }
        if (labels.containsKey(TOOLS)) {
            parts.add("tools " + labels.get(TOOLS).replace("\n", ", "));
        }
        if (labels.containsKey(REPLAY)) {
            parts.add("replay " + labels.get(REPLAY));
        }
        return parts.isEmpty() ? (labels.containsKey(ARGS) ? "no tools" : "not started by agent4j run")
                : String.join(", ", parts);
    }

    private static String absolute(String path) {
        try {
            return Path.of(path).toAbsolutePath().normalize().toString();
        } catch (InvalidPathException e) {
            return path;
        }
    }

    /** A {@code --tool-config} setting whose value is a relative path that exists, with the path made absolute. */
    private static String setting(String setting) {
        int equals = setting.indexOf('=');
        if (equals < 0) {
            return setting;
        }
        String value = setting.substring(equals + 1);
        try {
            Path path = Path.of(value);
            if (!value.isEmpty() && !path.isAbsolute() && Files.exists(path)) {
                return setting.substring(0, equals + 1) + path.toAbsolutePath().normalize();
            }
        } catch (InvalidPathException e) {
            // not a path: kept as it is
        }
        return setting;
    }
}
