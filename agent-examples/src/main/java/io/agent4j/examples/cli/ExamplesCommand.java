package io.agent4j.examples.cli;

import io.agent4j.examples.Example;
import io.agent4j.examples.Examples;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code agent4j examples}: lists the example agents, each with a command line that replays its
 * scripted session offline from the repository root.
 */
@Command(name = "examples", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Lists the example agents that 'agent4j run --example NAME' (or 'agent4j chat --example "
                + "NAME') can run, each with a command that replays its recorded session offline.",
            "Run the commands from the repository root; leave out --replay FILE to ask a live model "
                + "(OPENAI_API_KEY)."})
public final class ExamplesCommand implements Runnable {

    /** The folder of the example sessions, from the repository root. */
    static final String SESSIONS = "agent-examples/sessions";

    /** The launcher of the command line in a checkout. */
    static final String LAUNCHER = "bin/agent4j";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./=:,+-]+");

    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli calls this. */
    public ExamplesCommand() {
    }

    /** Prints each example's name and description, and below it a command line that replays its session. */
    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Example agents. Each command replays the example's recorded session offline; run it from");
        out.println("the repository root. Without --replay FILE, the example asks a live model (OPENAI_API_KEY).");
        int width = Examples.all().stream().mapToInt(e -> e.name().length()).max().orElse(0);
        for (Example example : Examples.all()) {
            out.println();
            out.printf("%-" + width + "s  %s%n", example.name(), example.description());
            out.printf("%-" + width + "s  %s%n", "", replayCommand(example));
        }
        out.flush();
    }

    /**
     * The command that replays the example's session from the repository root: {@code agent4j run}
     * with the sample prompt, or, for a conversation, its lines piped into {@code agent4j chat}.
     */
    static String replayCommand(Example example) {
        List<String> words = new ArrayList<>(List.of(LAUNCHER, example.conversational() ? "chat" : "run",
                "--example", example.name()));
        new TreeMap<>(example.sampleSettings()).forEach((key, value) -> words.addAll(List.of("--tool-config",
                key + "=" + value)));
        words.addAll(List.of("--replay", SESSIONS + "/" + example.name() + ".json"));
        if (!example.conversational()) {
            words.add(example.samplePrompt());
            return shell(words);
        }
        List<String> printf = new ArrayList<>(List.of("printf", "%s\\n"));
        printf.addAll(example.samplePrompts());
        return shell(printf) + " | " + shell(words);
    }

    /** The words as one POSIX shell command line, each quoted where it needs to be. */
    static String shell(List<String> words) {
        List<String> quoted = new ArrayList<>(words.size());
        for (String word : words) {
            quoted.add(PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'");
        }
        return String.join(" ", quoted);
    }
}
