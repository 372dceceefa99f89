package io.agent4j.examples.cli;

import io.agent4j.Agent;
import io.agent4j.chat.ChatOptions;
import io.agent4j.examples.Example;
import io.agent4j.test.eval.EvalCase;
import io.agent4j.test.eval.EvalReport;
import io.agent4j.test.eval.EvalSet;
import io.agent4j.test.eval.Judge;
import io.agent4j.usage.Budget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code agent4j eval CASES.jsonl}: runs an agent on each case of an eval set (the cases and their
 * checks are {@link EvalSet}'s format) and prints a table of the cases, pass or fail, with their
 * steps, tokens, cost and time, and a summary; writes the report as JUnit XML; exits
 * {@link ExitCodes#EVAL_BELOW_MIN_PASS} when fewer cases passed than {@code --min-pass} asks.
 * Each case runs with a fresh agent, offline over its own recording ({@code --replay-dir}), or
 * against the live model, recorded ({@code --record-dir}) or not.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs an agent on each case of an eval set (JSONL: an id, a prompt, an optional conversation, "
                + "and checks) and prints a table of the cases (pass or fail, steps, tokens, cost, time) and a "
                + "summary on stdout; writes the report as JUnit XML for CI.",
            "Each case runs with a fresh agent: offline over its own recording DIR/ID.json with --replay-dir DIR, or "
                + "against the live model, recorded to DIR/ID.json with --record-dir DIR. A judge check's grade is "
                + "recorded and replayed as DIR/ID.judge.json."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:at least --min-pass of the cases passed",
            "1:failure: the eval set cannot be read, the JUnit XML cannot be written, a tool jar or pack",
            "2:usage error: a malformed eval set, a missing recording, or a malformed ~/.agent4j/config.properties",
            "3:no API key (a live run)",
            "12:fewer cases passed than --min-pass"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  agent4j eval agent-examples/evals/calc.jsonl --example calc --replay-dir agent-examples/evals/calc",
            "  agent4j eval agent-examples/evals/calc.jsonl --example calc --record-dir agent-examples/evals/calc",
            "  agent4j eval cases.jsonl --example calc --min-pass 0.9 --junit-xml target/TEST-calc.xml",
            "  agent4j eval cases.jsonl --example calc --replay-dir recordings --json"})
public final class EvalCommand implements Callable<Integer> {

    /** Where the JUnit XML goes without {@code --junit-xml}, relative to the working folder; {@code %s} is the set's name. */
    static final String DEFAULT_JUNIT_XML = "target/agent4j-eval/TEST-%s.xml";

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Main main;

    @Mixin
    private AgentOptions options;

    @Mixin
    private ToolOptions toolOptions;

    @ArgGroup(exclusive = true)
    private Recordings recordings;

    @Option(names = "--min-pass", paramLabel = "RATE", defaultValue = "1.0",
            description = "The share of cases that must pass, from 0 to 1 (0.9: nine in ten); fewer exit 12. "
                    + "Default: ${DEFAULT-VALUE}, every case.")
    private double minPass;

    @Option(names = "--junit-xml", paramLabel = "FILE",
            description = "Where the JUnit XML report goes (its folders are made). Default: "
                    + "target/agent4j-eval/TEST-NAME.xml in the working folder, NAME the eval set's file name "
                    + "without .jsonl.")
    private Path junitXml;

    @Option(names = "--judge-model", paramLabel = "M",
            description = "The model that grades the judge checks; default: the agent's model (--model).")
    private String judgeModel;

    @Option(names = "--json",
            description = "Print the report as one JSON object on stdout instead of the table: name, pass_rate, "
                    + "and the cases (id, passed, problems, steps, tokens, cost, time_ms).")
    private boolean json;

    @Parameters(paramLabel = "CASES", description = "The eval set: a .jsonl file of cases, one JSON object a line.")
    private Path cases;

    /** {@code --replay-dir} and {@code --record-dir}, of which at most one may be given. */
    static final class Recordings {

        @Option(names = "--replay-dir", paramLabel = "DIR", required = true,
                description = "Run each case offline over its recording DIR/ID.json (and a judge check over "
                        + "DIR/ID.judge.json): no key needed; tools run for real.")
        private Path replayDir;

        @Option(names = "--record-dir", paramLabel = "DIR", required = true,
                description = "Run each case against the live model and record it to DIR/ID.json (a judge's grade "
                        + "to DIR/ID.judge.json), for --replay-dir later; the folder is made, and a case's old "
                        + "recordings are replaced.")
        private Path recordDir;
    }

    /** Creates the command; picocli calls this. */
    public EvalCommand() {
    }

    /** Runs the eval set and prints its report; returns an exit code from {@link ExitCodes}. */
    @Override
    public Integer call() {
        try (Screen screen = Main.screen(main, spec.commandLine())) {
            try {
                return evaluate(screen);
            } catch (ParameterException e) {
                throw e;
            } catch (RuntimeException | Error e) {
                return Failures.report(screen.err(), e, options.verbose());
            }
        }
    }

    private int evaluate(Screen screen) {
        if (options.recordingGiven()) {
            throw usage("eval records and replays a recording per case: give --replay-dir DIR or --record-dir DIR "
                    + "instead of --replay or --record");
        }
        if (!(minPass >= 0 && minPass <= 1)) {
            throw usage("--min-pass " + minPass + ": must be from 0 to 1, e.g. 0.9 for nine cases in ten");
        }
        if (!Files.isRegularFile(cases)) {
            throw usage(cases + ": " + (Files.isDirectory(cases) ? "is a folder" : "no such file")
                    + "; give an eval set, a .jsonl file of cases");
        }
        EvalSet set;
        try {
            set = EvalSet.load(cases);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Example chosen = options.example();
        if (chosen != null && chosen.typed()) {
            throw usage("--example " + chosen.name() + " answers with a typed value; eval runs agents that answer "
                    + "in text (check a JSON answer with a json_schema check of an agent of --packs)");
        }
        Path replayDir = recordings == null ? null : recordings.replayDir;
        Path recordDir = recordings == null ? null : recordings.recordDir;
        if (replayDir != null) {
            checkRecordings(set, replayDir);
        }
        if (recordDir != null) {
            try {
                Files.createDirectories(recordDir);
            } catch (IOException e) {
                throw usage("--record-dir " + recordDir + ": cannot make the folder: " + e.getMessage());
            }
        }
        // made once before the cases, so that a wrong flag, tool or key stops the command instead of failing every case
        options.recording(recording(replayDir, set.cases().get(0).id(), ""), null);
        Agent probe = options.builder(chosen, toolOptions, Main.environment(main), screen).build();
        ChatOptions requestOptions;
        Budget budget;
        try {
            requestOptions = options.requestOptions(probe.toolbox());
            budget = options.budget();
        } finally {
            RunCommand.close(probe);
        }

        EvalReport report = set.run(evalCase -> {
            options.recording(recording(replayDir, evalCase.id(), ""), fresh(recordDir, evalCase.id(), ""));
            return options.builder(chosen, toolOptions, Main.environment(main), screen).budget(budget)
                    .options(requestOptions);
        }, evalCase -> {
            options.recording(recording(replayDir, evalCase.id(), ".judge"), fresh(recordDir, evalCase.id(), ".judge"));
            return Judge.of(options.judge(Main.environment(main), judgeModel, screen));
        });

        Path xml = junitXml != null ? junitXml : Path.of(String.format(DEFAULT_JUNIT_XML, report.name()));
        write(xml, report.junitXml());
        if (json) {
            screen.out().println(report.json());
        } else {
            screen.out().print(report.table());
            screen.err().println(screen.style().dim("JUnit XML: " + xml));
        }
        screen.out().flush();
        screen.err().flush();
        return report.passes(minPass) ? ExitCodes.OK : ExitCodes.EVAL_BELOW_MIN_PASS;
    }

    /** Each case's recording (and a judged case's judge recording) is in {@code dir}; else a usage error naming those missing. */
    private void checkRecordings(EvalSet set, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw usage("--replay-dir " + dir + ": no such folder; record the cases with --record-dir " + dir);
        }
        List<String> missing = new ArrayList<>();
        for (EvalCase evalCase : set.cases()) {
            if (!Files.isRegularFile(recording(dir, evalCase.id(), ""))) {
                missing.add(recording(dir, evalCase.id(), "").toString());
            }
            if (evalCase.judged() && !Files.isRegularFile(recording(dir, evalCase.id(), ".judge"))) {
                missing.add(recording(dir, evalCase.id(), ".judge").toString());
            }
        }
        if (!missing.isEmpty()) {
            throw usage("--replay-dir " + dir + ": no recording " + String.join(", ", missing) + "; record the cases "
                    + "with --record-dir " + dir + " against a live model");
        }
    }

    /** The recording of a case in {@code dir} ({@code suffix} {@code .judge} for its judge's), or null without a folder. */
    private static Path recording(Path dir, String id, String suffix) {
        return dir == null ? null : dir.resolve(id + suffix + ".json");
    }

    /** {@link #recording}, with what was recorded there before deleted, so that a case is recorded afresh. */
    private static Path fresh(Path dir, String id, String suffix) {
        Path file = recording(dir, id, suffix);
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot replace the recording " + file + ": " + e.getMessage(), e);
            }
        }
        return file;
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the JUnit XML report " + file + ": " + e.getMessage(), e);
        }
    }

    private ParameterException usage(String message) {
        return ToolOptions.usage(spec, message);
    }
}
