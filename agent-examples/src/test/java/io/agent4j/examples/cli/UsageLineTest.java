package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.AgentResult;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.FinishReason;
import io.agent4j.chat.Usage;
import io.agent4j.usage.PriceTable;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The tokens-and-cost line after each answer of {@code run} and {@code chat}; {@code --quiet}; {@code --prices}. */
class UsageLineTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    Path dir;

    /** Every scripted response uses 100 prompt and 20 completion tokens. */
    private static final Usage ONE_ANSWER = Usage.of(100, 20);

    private Cli.Result run(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--base-url", FakeOpenAi.baseUrl(server),
                "--api-key", "k"));
        args.addAll(List.of(options));
        args.add("Hi");
        return Cli.run(args.toArray(String[]::new));
    }

    private Cli.Result chat(String input, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("chat", "--base-url", FakeOpenAi.baseUrl(server),
                "--api-key", "k", "--store", dir.resolve("s.db").toString()));
        args.addAll(List.of(options));
        return Cli.withInput(input, args.toArray(String[]::new));
    }

    @Test
    void aKnownModelsCostComesFromTheStandardPriceTable() {
        BigDecimal cost = PriceTable.standard().cost(FakeOpenAi.MODEL, ONE_ANSWER).orElseThrow();
        assertThat(cost).isEqualByComparingTo("0.000027");   // 100 x $0.15 + 20 x $0.60 per million
        FakeOpenAi.script(server, FakeOpenAi.answer("Hello!"));

        Cli.Result result = run();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("Hello!" + System.lineSeparator());
        assertThat(result.errLines()).containsExactly(
                "[120 tokens: 100 prompt (0 cached) + 20 completion; cost $0.000027]");
    }

    @Test
    void anUnknownModelHasAnUnknownCostNamingTheModelNeverAZero() {
        FakeOpenAi.script(server, FakeOpenAi.answer("my-local-llm", "Hello!"));

        Cli.Result result = run();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.errLines()).containsExactly("[120 tokens: 100 prompt (0 cached) + 20 completion; "
                + "cost unknown (model 'my-local-llm' is not in the price table)]");
        assertThat(result.err()).doesNotContain("$");
    }

    @Test
    void quietHidesTheLine() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Hello!"));

        Cli.Result result = run("--quiet");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("Hello!" + System.lineSeparator());
        assertThat(result.err()).isEmpty();
    }

    @Test
    void chatAddsTheRunningTotalOfTheSession() {
        FakeOpenAi.script(server, FakeOpenAi.answer("One."), FakeOpenAi.answer("Two."));

        Cli.Result result = chat("first\nsecond\n");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().lines().toList()).containsExactly("One.", "Two.");
        assertThat(result.errLines()).containsExactly(
                "[120 tokens: 100 prompt (0 cached) + 20 completion; cost $0.000027 | session 120 tokens, $0.000027]",
                "[120 tokens: 100 prompt (0 cached) + 20 completion; cost $0.000027 | session 240 tokens, $0.000054]");
    }

    @Test
    void inChatOneUnknownPriceMakesTheSessionsCostUnknown() {
        FakeOpenAi.script(server, FakeOpenAi.answer("One."), FakeOpenAi.answer("scripted", "Two."));

        Cli.Result result = chat("first\nsecond\n");

        assertThat(result.errLines()).containsExactly(
                "[120 tokens: 100 prompt (0 cached) + 20 completion; cost $0.000027 | session 120 tokens, $0.000027]",
                "[120 tokens: 100 prompt (0 cached) + 20 completion; cost unknown (model 'scripted' is not in the "
                        + "price table) | session 240 tokens, cost unknown]");
    }

    @Test
    void quietHidesTheLineInChatToo() {
        FakeOpenAi.script(server, FakeOpenAi.answer("One."));

        Cli.Result result = chat("first\n", "-q");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().strip()).isEqualTo("One.");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void pricesAddsAModelAndReplacesAStandardPrice() throws Exception {
        Path prices = Files.writeString(dir.resolve("prices.properties"),
                "date=2025-09-01\nmy-local-llm = 1.00, 0.50, 2.00\ngpt-4o-mini = 10, 5, 100\n");
        FakeOpenAi.script(server, FakeOpenAi.answer("my-local-llm", "One."), FakeOpenAi.answer("Two."));

        Cli.Result local = run("--prices", prices.toString());
        Cli.Result mini = chat("hi\n", "--prices", prices.toString());

        assertThat(local.errLines()).containsExactly(     // 100 x $1 + 20 x $2 per million
                "[120 tokens: 100 prompt (0 cached) + 20 completion; cost $0.00014]");
        assertThat(mini.errLines()).containsExactly(      // 100 x $10 + 20 x $100 per million
                "[120 tokens: 100 prompt (0 cached) + 20 completion; cost $0.003 | session 120 tokens, $0.003]");
    }

    @Test
    void aMissingPriceFileIsAUsageErrorAndABadOneAFailure() throws Exception {
        Cli.Result missing = run("--prices", dir.resolve("none.properties").toString());
        Path bad = Files.writeString(dir.resolve("bad.properties"), "date=2025-09-01\ngpt-4o = cheap\n");
        Cli.Result malformed = chat("hi\n", "--prices", bad.toString());

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.errLines()).singleElement().asString()
                .startsWith("agent4j: --prices " + dir.resolve("none.properties") + ": no such file");
        assertThat(malformed.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(malformed.errLines()).singleElement().asString()
                .startsWith("agent4j: " + bad + ": the price of 'gpt-4o' must be three decimals");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void showsCachedAndReasoningTokensAndSixSignificantDigits() {
        UsageLine line = new UsageLine(PriceTable.standard());
        Usage usage = Usage.builder().promptTokens(1_233_000).completionTokens(92_000).cachedPromptTokens(1_000_000)
                .reasoningTokens(64_000).build();
        line.onResponse(1, new ChatResponse(AssistantMessage.of("x"), FinishReason.STOP, usage, "gpt-4o-mini"));
        BigDecimal cost = new BigDecimal("0.12345678");

        assertThat(line.line(AgentResult.builder().text("x").steps(1).usage(usage).cost(cost).build())).isEqualTo("[1,325,000 tokens: 1,233,000 prompt (1,000,000 cached) + 92,000 "
                + "completion (64,000 reasoning); cost $0.123457]");
        assertThat(UsageLine.dollars(BigDecimal.ZERO)).isEqualTo("0");
        assertThat(UsageLine.dollars(new BigDecimal("12.50"))).isEqualTo("12.5");
        assertThat(UsageLine.dollars(new BigDecimal("1E-7"))).isEqualTo("0.0000001");
    }

    @Test
    void aServerThatNamesNoModelIsSaidSo() {
        UsageLine line = new UsageLine(PriceTable.standard());
        line.onResponse(1, new ChatResponse(AssistantMessage.of("x"), FinishReason.STOP, ONE_ANSWER, null));

        assertThat(line.line(AgentResult.builder().text("x").steps(1).usage(ONE_ANSWER).build()))
                .endsWith("; cost unknown (the server did not name the model)]");
    }
}
