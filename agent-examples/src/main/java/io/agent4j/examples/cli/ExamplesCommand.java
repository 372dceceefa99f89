package io.agent4j.examples.cli;

import io.agent4j.examples.Example;
import io.agent4j.examples.Examples;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code agent4j examples}: lists the example agents with a command line to try each. */
@Command(name = "examples", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Lists the example agents that 'agent4j run --example NAME' can run.")
public final class ExamplesCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli calls this. */
    public ExamplesCommand() {
    }

    /** Prints each example's name, description and a command line to try it. */
    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        int width = Examples.all().stream().mapToInt(e -> e.name().length()).max().orElse(0);
        for (Example example : Examples.all()) {
            out.printf("%-" + width + "s  %s%n", example.name(), example.description());
            out.printf("%-" + width + "s  agent4j run --example %s \"%s\"%n", "", example.name(),
                    example.samplePrompt());
        }
        out.flush();
    }
}
