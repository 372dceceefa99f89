package io.agent4j.examples.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code agent4j completion}: prints the bash completion script of the command line, made by
 * picocli's {@link AutoComplete} from the commands and options themselves. zsh runs it too
 * (the script loads {@code bashcompinit}).
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Prints a bash and zsh completion script for agent4j: subcommands, options, and file "
                + "names where an option takes a file.",
            "Load it in the current shell with: source <(agent4j completion)",
            "or save it once: agent4j completion > ~/.agent4j-completion.bash, and source that file in ~/.bashrc "
                + "or ~/.zshrc."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(agent4j completion)                          # bash or zsh, this shell",
            "  echo 'source <(agent4j completion)' >> ~/.bashrc      # every new bash"})
public final class CompletionCommand implements Callable<Integer> {

    /** The name the script completes: the command people type. */
    static final String COMMAND = "agent4j";

    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli calls this. */
    public CompletionCommand() {
    }

    /** Prints the script. */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash(COMMAND, spec.root().commandLine()));
        out.flush();
        return ExitCodes.OK;
    }
}
