package io.agent4j.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code agent4j trace FILE}: prints the runs of a trace file that {@code --trace-file} wrote as a
 * timeline on stdout: each step's model call and each tool call with its duration, a bar showing
 * when it ran, its tokens and cost, failed calls marked, and where the run's time went.
 */
@Command(name = "trace", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Prints a trace file written by 'agent4j run --trace-file FILE' (or 'agent4j chat "
                + "--trace-file FILE') as a timeline: each step, each tool call with its duration bar, the tokens "
                + "and cost, and where the time went.",
            "The file is OTLP JSON, one ExportTraceServiceRequest a line; a pretty-printed request reads too."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the timeline was printed", "1:the file is not OTLP JSON, or holds no spans",
            "2:usage error: no FILE, no such file, or a folder"},
        footerHeading = "%nExamples:%n",
        footer = {"  agent4j run --example calc --replay agent-examples/sessions/calc.json --trace-file /tmp/run.json",
            "  agent4j trace /tmp/run.json"})
public final class TraceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Main main;

    @Parameters(paramLabel = "FILE", description = "The trace file, as --trace-file wrote it.")
    private Path file;

    /** Creates the command; picocli calls this. */
    public TraceCommand() {
    }

    /** Prints the timeline; returns an exit code from {@link ExitCodes}. */
    @Override
    public Integer call() {
        if (!Files.exists(file)) {
            throw ToolOptions.usage(spec, file + ": no such file; give a file written by 'agent4j run --trace-file "
                    + "FILE'");
        }
        if (Files.isDirectory(file)) {
            throw ToolOptions.usage(spec, file + ": is a folder, not a trace file; give a file written by "
                    + "'agent4j run --trace-file FILE'");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Timeline timeline = new Timeline(Main.outputStyle(main));
            timeline.lines(TraceFile.read(file)).forEach(out::println);
            out.flush();
            return ExitCodes.OK;
        } catch (TraceFile.NotATraceException e) {
            err.println("agent4j: " + Failures.oneLine(e.getMessage()));
            err.flush();
            return ExitCodes.FAILURE;
        }
    }
}
