package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code --max-cost}, {@code --max-tokens-total} and {@code --max-time}: the run's budget
 * ({@code chat}: the conversation's), a run that reaches it exits 9 saying which limit.
 */
class BudgetOptionsTest {

    private static final String CALC = "sessions/calc.json";
    private static final String CHAT = "sessions/chat.json";

    @Test
    void aRunThatWouldGoOverItsTokensExits9NamingTheLimit() {
        Cli.Result result = Cli.run("run", "--example", "calc", "--replay", CALC, "--max-tokens-total", "10");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.BUDGET);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).last().asString().startsWith("agent4j: The run reached its ")
                .contains("tokens").contains("--max-tokens-total");
    }

    @Test
    void aCostLimitFailsClosedWhenTheModelHasNoPrice() {
        Cli.Result result = Cli.run("run", "--example", "calc", "--replay", CALC, "--max-cost", "0.05");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BUDGET);
        assertThat(result.err()).contains("cost", "not in the price table");
    }

    @Test
    void budgetsTheRunStaysWithinAnswerAsUsual() {
        Cli.Result result = Cli.run("run", "--example", "calc", "--replay", CALC, "--max-tokens-total", "1000000",
                "--max-time", "2m");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isNotBlank();
    }

    @Test
    void aChatsBudgetIsTheConversationsAndEndsItWithCode9() {
        Cli.Result result = Cli.withInput("How many days are there from 2026-03-14 to 2026-12-25?\n", "chat",
                "--example", "chat", "--replay", CHAT, "--max-tokens-total", "10");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.BUDGET);
        assertThat(result.err()).contains("The conversation reached its ");
    }

    @Test
    void aLimitThatIsNotPositiveIsAUsageError() {
        assertThat(Cli.run("run", "--example", "calc", "--replay", CALC, "--max-cost", "0").err())
                .contains("--max-cost 0: must be more than 0");
        assertThat(Cli.run("run", "--example", "calc", "--replay", CALC, "--max-tokens-total", "0").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        Cli.Result time = Cli.run("run", "--example", "calc", "--replay", CALC, "--max-time", "soon");
        assertThat(time.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(time.err()).contains("'soon' is not a duration");
    }
}
