package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agent4j completion}, and {@code --help} and {@code --version} on every subcommand. */
class CompletionTest {

    @Test
    void printsABashScriptThatKnowsTheSubcommandsAndTheirOptions() {
        Cli.Result result = Cli.run("completion");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
        String script = result.out();
        assertThat(script).startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_agent4j", "bashcompinit")
                .contains("run", "chat", "tools", "examples", "completion")
                .contains("--show-config", "--json", "--replay", "--session", "--max-steps");
    }

    @Test
    void bashAcceptsTheScriptAndCompletesTheSubcommands(@TempDir Path dir) throws Exception {
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "needs bash");
        Path script = Files.writeString(dir.resolve("agent4j-completion.bash"), Cli.run("completion").out());
        String test = "source " + script + "\n"
                + "COMP_WORDS=(agent4j ch); COMP_CWORD=1; COMP_LINE='agent4j ch'; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_agent4j agent4j ch agent4j\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process process = new ProcessBuilder(bash.toString(), "--noprofile", "--norc", "-c", test)
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out.lines()).contains("chat");
    }

    @Test
    void everySubcommandHasHelpAndVersion() {
        for (String command : new String[] {"run", "chat", "tools", "examples", "completion"}) {
            Cli.Result help = Cli.run(command, "--help");
            Cli.Result version = Cli.run(command, "--version");

            assertThat(help.exitCode()).as(command).isEqualTo(ExitCodes.OK);
            assertThat(help.out()).as(command).startsWith("Usage: agent4j " + command);
            assertThat(version.exitCode()).as(command).isEqualTo(ExitCodes.OK);
            assertThat(version.out()).as(command).startsWith("agent4j ");
        }
        assertThat(Cli.run("--help").out()).contains("completion", "Exit codes:");
    }

    @Test
    void helpNamesTheNewOptions() {
        assertThat(Cli.run("run", "--help").out()).contains("--json", "--show-config", "AGENT4J_MODEL",
                "~/.agent4j/config.properties");
        assertThat(Cli.run("chat", "--help").out()).contains("--json", "--show-config");
        assertThat(Cli.run("completion", "--help").out()).contains("source <(agent4j completion)");
    }
}
