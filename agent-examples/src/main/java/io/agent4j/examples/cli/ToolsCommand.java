package io.agent4j.examples.cli;

import io.agent4j.examples.Example;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.ToolPack;
import io.agent4j.tool.Toolbox;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agent4j tools}: lists the tools an agent can be given, with their descriptions and
 * parameters: those of the tool packs on the class path, of each {@code --tools} jar, and of
 * {@code --example}.
 */
@Command(name = "tools", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Lists the tools an agent can be given, with their descriptions and parameters: those "
                + "of the tool packs on the class path, of each --tools jar, and of --example.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a pack or jar could not be loaded (the others are listed)",
            "2:usage error"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  agent4j tools",
            "  agent4j tools --example calc --json",
            "  agent4j tools --tools weather.jar --tool-config weather.units=imperial"})
public final class ToolsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ToolOptions toolOptions;

    @Option(names = "--example", paramLabel = "NAME",
            description = "Also list the tools of this example agent (see 'agent4j examples').")
    private String example;

    @Option(names = "--json",
            description = "Print one JSON array of {name, description, strict, parameters} on stdout instead, "
                    + "parameters being the JSON schema the model is sent.")
    private boolean json;

    private boolean failed;

    /** Creates the command; picocli calls this. */
    public ToolsCommand() {
    }

    /** Prints the tools; returns {@link ExitCodes#FAILURE} when a source of tools could not be loaded. */
    @Override
    public Integer call() {
        Example chosen = ToolOptions.example(spec, example);
        List<Path> jars = toolOptions.jars();
        Map<String, String> settings = toolOptions.settings();
        List<ToolListing.Group> groups = new ArrayList<>();
        for (ToolPack pack : discover()) {
            load(groups, "pack " + pack.name() + ": " + Failures.oneLine(pack.description()),
                    () -> Toolbox.ofPacks(List.of(pack), settings));
        }
        Map<String, Path> packOwners = new HashMap<>();
        for (Path jar : jars) {
            load(groups, "jar " + jar, () -> {
                ToolOptions.claimPackNames(jar, packOwners);
                return Toolbox.loadJar(jar, settings);
            });
        }
        if (chosen != null) {
            load(groups, "example " + chosen.name() + ": " + chosen.description(), () -> chosen.tools(settings));
        }
        checkTheyFitOneAgent(groups);
        print(groups);
        return failed ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    private List<ToolPack> discover() {
        try {
            return ReadyPacks.all();
        } catch (Error e) {
            fail(e);
            return List.of();
        }
    }

    private void load(List<ToolListing.Group> groups, String title, Supplier<Toolbox> tools) {
        try {
            groups.add(new ToolListing.Group(title, tools.get()));
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    /** Two different tools of one name cannot be given to one agent; say so, but list both. */
    private void checkTheyFitOneAgent(List<ToolListing.Group> groups) {
        try {
            groups.stream().map(ToolListing.Group::tools).reduce(Toolbox.empty(), Toolbox::with);
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    private void fail(Throwable e) {
        failed = true;
        Failures.report(spec.commandLine().getErr(), e, false);
    }

    private void print(List<ToolListing.Group> groups) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, ToolDefinition> byName = new LinkedHashMap<>();
            groups.forEach(group -> group.tools().definitions().forEach(tool -> byName.putIfAbsent(tool.name(), tool)));
            ToolListing.printJson(out, byName.values());
        } else if (groups.isEmpty() && !failed) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("agent4j: no tools: there are no tool packs on the class path; add --tools JAR or "
                    + "--example NAME");
            err.flush();
        } else {
            ToolListing.printText(out, groups);
        }
    }
}
