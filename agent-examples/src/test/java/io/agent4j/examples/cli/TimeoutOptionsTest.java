package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code --timeout} and {@code --read-timeout}: durations such as {@code 30s}, {@code 500ms},
 * {@code 2m} or plain seconds, refused with a usage error otherwise, shown by {@code --show-config},
 * and set on the client for real (a server slower than them is given up on).
 */
class TimeoutOptionsTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    Path home;

    private String realHome;

    @BeforeEach
    void useTemporaryHome() {
        realHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
    }

    @AfterEach
    void restoreHome() {
        System.setProperty("user.home", realHome);
    }

    /** The lines of --show-config by setting name: the rest of each line after the name. */
    private static Map<String, String> shown(Cli.Result result) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        return result.out().lines().collect(Collectors.toMap(line -> line.substring(0, line.indexOf(' ')),
                line -> line.substring(line.indexOf(' ')).strip()));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"30s, 30s", "500ms, 500ms", "2m, 2m", "45, 45s", "1.5m, 1m30s", "90s, 1m30s", "2h, 2h",
        "0, 0 (no limit)", "1000ms, 1s"})
    void aDurationIsANumberAndAUnitOrPlainSeconds(String given, String shownAs) {
        Map<String, String> shown = shown(Cli.run("run", "--show-config", "--timeout", given, "--read-timeout", given));

        assertThat(shown.get("timeout")).matches(Pattern.quote(shownAs) + " +flag --timeout");
        assertThat(shown.get("read-timeout")).matches(Pattern.quote(shownAs) + " +flag --read-timeout");
    }

    @Test
    void withoutTheFlagsShowConfigShowsTheClientsDefaults() {
        Map<String, String> shown = shown(Cli.run("run", "--show-config"));

        assertThat(shown.get("timeout")).matches("10m +default");
        assertThat(shown.get("read-timeout")).matches("2m +default");
    }

    @Test
    void showConfigAsJsonHasThem() {
        Cli.Result result = Cli.run("chat", "--show-config", "--json", "--timeout", "30s");

        JsonNode settings = JsonOutputTest.onlyObject(result.out()).path("settings");
        assertThat(settings.path("timeout").path("value").asString()).isEqualTo("30s");
        assertThat(settings.path("timeout").path("from").asString()).isEqualTo("--timeout");
        assertThat(settings.path("read-timeout").path("source").asString()).isEqualTo("default");
    }

    @ParameterizedTest
    @ValueSource(strings = {"30x", "-5s", "s", "1.5.2s", "30 s", "ten"})
    void aValueThatIsNotADurationIsAUsageError(String value) {
        Cli.Result result = Cli.run("run", "--timeout", value, "--api-key", "k", "--base-url",
                FakeOpenAi.baseUrl(server), "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("agent4j: Invalid value for option '--timeout': '" + value
                + "' is not a duration: give a number and a unit, ms, s, m or h (500ms, 30s, 2m), a plain number "
                + "being seconds, or 0 for no limit (see 'agent4j run --help')");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.5ms", "1000h"})
    void aValueOutOfRangeIsAUsageError(String value) {
        Cli.Result result = Cli.run("chat", "--read-timeout", value);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("agent4j: Invalid value for option '--read-timeout': '" + value
                + "' is out of range: a timeout is 0 (no limit) or from 1ms to 596h (see 'agent4j chat --help')");
    }

    @Test
    void theReadTimeoutIsTheClientsForReal() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Too late.").withFixedDelay(3_000));

        Cli.Result result = Cli.run("run", "--read-timeout", "200ms", "--quiet", "--api-key", "k", "--base-url",
                FakeOpenAi.baseUrl(server), "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).singleElement().asString().startsWith("agent4j: ").contains("read timeout 200 ms");
    }

    @Test
    void theTimeoutIsTheClientsWholeCallTimeoutForReal() {
        FakeOpenAi.script(server, FakeOpenAi.answer("Too late.").withFixedDelay(3_000));

        Cli.Result result = Cli.run("run", "--timeout", "300ms", "--quiet", "--api-key", "k", "--base-url",
                FakeOpenAi.baseUrl(server), "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.errLines()).singleElement().asString().startsWith("agent4j: ").contains("whole call 300 ms");
    }

    @Test
    void theHelpSaysTheTimeoutIsPerAttemptAndEachRetryGetsItsOwn() {
        Cli.Result result = Cli.run("run", "--help");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().replaceAll("\\s+", " "))
                .contains("The most one attempt of a model call may take, streaming included; each retry gets as "
                        + "much again:");
    }

    @Test
    void theFormatReadsBackWhatItWrites() {
        for (Duration duration : new Duration[] {Duration.ofMillis(1), Duration.ofMillis(1500), Duration.ofMinutes(90),
            Durations.MAX}) {
            String text = Durations.format(duration).replaceAll("(\\d+)(h|ms|m|s)", "$1$2 ").strip();
            Duration back = java.util.Arrays.stream(text.split(" ")).map(Durations::parse).reduce(Duration.ZERO,
                    Duration::plus);
            assertThat(back).isEqualTo(duration);
        }
    }
}
