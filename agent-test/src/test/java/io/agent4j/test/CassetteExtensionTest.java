package io.agent4j.test;

import static io.agent4j.test.LiveServer.answer;
import static io.agent4j.test.LiveServer.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.chat.ChatModel;
import io.agent4j.tool.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.opentest4j.AssertionFailedError;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link AgentTest} extension, driven as a build drives it: sample test classes run through the
 * JUnit launcher in each mode, the "live" model a WireMock server on loopback.
 */
class CassetteExtensionTest {

    private static final Path CASSETTES = Path.of("target/cassette-tests");
    static final LiveServer LIVE = new LiveServer();
    static String prompt = "What is on account 7?";

    @BeforeAll
    static void startTheLiveModel() {
        LIVE.start();
    }

    @AfterAll
    static void stopTheLiveModel() {
        LIVE.stop();
    }

    @BeforeEach
    void aFreshLiveModelAndNoCassettes() throws IOException {
        LIVE.script(toolCall("call_live_1", "account", "{}"), answer("The key is " + LiveServer.KEY + ", all fine."));
        prompt = "What is on account 7?";
        if (Files.exists(CASSETTES)) {
            try (var files = Files.walk(CASSETTES)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A tool whose result holds secrets, as a careless tool might. */
    public static class Accounts {

        @Tool("The details of the account")
        public String account() {
            return "acct-123456 " + System.getenv("AGENT4J_TEST_SECRET")
                    + " Authorization: Bearer abcdefghijklmnop1234 OpenAI-Organization: org-ABCDEFGHIJKLMNOP1234";
        }
    }

    /** Whether a test of this class launched the sample, which runs only then (not when a build selects it). */
    static boolean launched() {
        return launched;
    }

    private static volatile boolean launched;

    @EnabledIf("io.agent4j.test.CassetteExtensionTest#launched")
    @AgentTest(cassettes = "target/cassette-tests", redact = "acct-\\d+",
            secretsFromEnvironment = {"OPENAI_API_KEY", "AGENT4J_TEST_SECRET"})
    static class AccountAgent {

        @LiveModel
        static ChatModel live() {
            return LIVE.model();
        }

        @Test
        void answers(ChatModel model) {
            AgentResult result = Agent.builder().model(model).tools(new Accounts()).build().run(prompt);
            AgentAssertions.assertThat(result).calledTools("account").hasSteps(2).text().startsWith("The key is");
        }
    }

    @EnabledIf("io.agent4j.test.CassetteExtensionTest#launched")
    @AgentTest(cassettes = "target/cassette-tests", redact = "acct-\\d+",
            secretsFromEnvironment = {"OPENAI_API_KEY", "AGENT4J_TEST_SECRET"})
    static class AccountAgentWithoutChecks {

        @Test
        @Cassette("AccountAgent/answers.json")
        void answers(ChatModel model) {
            Agent.builder().model(model).tools(new Accounts()).build().run(prompt);
        }
    }

    /** The cassette of {@link AccountAgent}, recorded, then changed by {@code edit}. */
    private static void recordAndEdit(Consumer<ArrayNode> edit)
            throws IOException {
        assertThat(run(AccountAgent.class, "record").getTestsSucceededCount()).isEqualTo(1);
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode root =
                (ObjectNode) json.readTree(Files.readString(cassette()));
        edit.accept((ArrayNode) root.get("exchanges"));
        Files.writeString(cassette(), json.writeValueAsString(root));
    }

    private static TestExecutionSummary run(Class<?> sample, String mode) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launched = true;
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(sample))
                    .configurationParameter(CassetteMode.PROPERTY, mode).build(), listener);
        } finally {
            launched = false;
        }
        return listener.getSummary();
    }

    private static Throwable failure(TestExecutionSummary summary) {
        List<TestExecutionSummary.Failure> failures = summary.getFailures();
        assertThat(failures).as("failures").hasSize(1);
        return failures.get(0).getException();
    }

    private static Path cassette() {
        return CASSETTES.resolve("AccountAgent/answers.json");
    }

    @Test
    void recordModeCallsTheLiveModelAndWritesTheCassetteWithTheSecretsRedacted() throws IOException {
        TestExecutionSummary summary = run(AccountAgent.class, "record");

        assertThat(summary.getTestsSucceededCount()).as(() -> summary.getFailures().stream().map(f -> f.getException().toString()).toList().toString()).isEqualTo(1);
        assertThat(LIVE.requests()).isEqualTo(2);
        assertThat(LIVE.header("Authorization")).isEqualTo("Bearer " + LiveServer.KEY);
        assertThat(LIVE.header("OpenAI-Organization")).isEqualTo(LiveServer.ORGANIZATION);
        String recorded = Files.readString(cassette());
        assertThat(recorded)
                .contains("\"format\" : \"agent4j-recording\"", "What is on account 7?")
                .doesNotContain(LiveServer.KEY, "sk-test", LiveServer.ORGANIZATION, "acct-123456",
                        System.getenv("AGENT4J_TEST_SECRET"), "abcdefghijklmnop1234", "org-ABCDEFGHIJKLMNOP1234")
                .contains("The key is [REDACTED], all fine.",
                        "[REDACTED] [REDACTED] Authorization: Bearer [REDACTED] OpenAI-Organization: [REDACTED]");
    }

    @Test
    void replayModeAnswersFromTheCassetteWithoutTheLiveModel() {
        run(AccountAgent.class, "record");
        int live = LIVE.requests();

        TestExecutionSummary summary = run(AccountAgent.class, "replay");

        assertThat(summary.getTestsSucceededCount()).as(() -> summary.getFailures().stream().map(f -> f.getException().toString()).toList().toString()).isEqualTo(1);
        assertThat(LIVE.requests()).isEqualTo(live);
    }

    @Test
    void aRequestThatDiffersFromTheRecordedOneFailsWithADiffNamingTheExchange() {
        run(AccountAgent.class, "record");
        prompt = "What is on account 8?";

        Throwable failure = failure(run(AccountAgent.class, "replay"));

        assertThat(failure).isInstanceOf(AssertionFailedError.class);
        assertThat(failure.getMessage())
                .startsWith("Cassette " + cassette() + ": the request of exchange 1 of 2 differs from the recorded "
                        + "one (- recorded, + sent):\n")
                .contains("-     \"content\" : \"What is on account 7?\"\n"
                        + "+     \"content\" : \"What is on account 8?\"\n")
                .contains("If the change is intended, record the cassette again: run the test with "
                        + "-Dagent4j.cassette.mode=record (or AGENT4J_CASSETTE_MODE=record)");
        AssertionFailedError diff = (AssertionFailedError) failure;
        assertThat(diff.getExpected().getStringRepresentation()).contains("account 7");
        assertThat(diff.getActual().getStringRepresentation()).contains("account 8");
    }

    @Test
    void replayWithoutACassetteSaysHowToRecordIt() {
        Throwable failure = failure(run(AccountAgent.class, "replay"));

        assertThat(failure).hasMessageContaining("There is no cassette " + cassette() + " to replay. To record it, "
                + "run the test with -Dagent4j.cassette.mode=record (or AGENT4J_CASSETTE_MODE=record) against the "
                + "live model.");
        assertThat(LIVE.requests()).isZero();
    }

    @Test
    void autoModeRecordsAMissingCassetteAndThenReplaysIt() {
        assertThat(run(AccountAgent.class, "auto").getTestsSucceededCount()).isEqualTo(1);
        assertThat(LIVE.requests()).isEqualTo(2);

        assertThat(run(AccountAgent.class, "auto").getTestsSucceededCount()).isEqualTo(1);
        assertThat(LIVE.requests()).isEqualTo(2);
        assertThat(cassette()).exists();
    }

    @Test
    void anUnknownModeIsRefusedNamingTheValuesItTakes() {
        Throwable failure = failure(run(AccountAgent.class, "replya"));

        assertThat(failure).hasMessageContaining("The setting agent4j.cassette.mode is 'replya'; it takes "
                + "[replay, record, auto].");
    }

    @Test
    void aRunThatGoesPastTheEndOfTheCassetteFailsInReplayShowingTheRequest() throws IOException {
        recordAndEdit(exchanges -> exchanges.remove(1));

        Throwable failure = failure(run(AccountAgent.class, "replay"));

        assertThat(failure).hasMessageStartingWith("Cassette " + cassette() + " holds 1 exchange(s), but the agent sent "
                + "a request for exchange 2:\n{")
                .hasMessageContaining("\"role\" : \"tool\"")
                .hasMessageContaining("(or use auto to add the missing exchanges)");
    }

    @Test
    void autoModeRecordsTheExchangesPastTheEndOfTheCassette() throws IOException {
        recordAndEdit(exchanges -> exchanges.remove(1));
        LIVE.script(answer("The key is now recorded."));
        int live = LIVE.requests();

        TestExecutionSummary summary = run(AccountAgent.class, "auto");

        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(LIVE.requests()).isEqualTo(live + 1);
        assertThat(Files.readString(cassette())).contains("The key is now recorded.");
        assertThat(run(AccountAgent.class, "replay").getTestsSucceededCount()).isEqualTo(1);
    }

    @Test
    void aTestThatLeavesExchangesOfItsCassetteUnusedFails() throws IOException {
        recordAndEdit(exchanges -> {
            ObjectNode message =
                    (ObjectNode) exchanges.get(0).at("/response/message");
            message.remove("tool_calls");
            message.put("content", "No need for the tool.");
            ((ObjectNode) exchanges.get(0).get("response")).put("finish_reason", "stop");
        });

        Throwable failure = failure(run(AccountAgentWithoutChecks.class, "replay"));

        assertThat(failure).hasMessage("The test used 1 of the 2 exchanges of cassette " + cassette() + ": the agent now "
                + "stops sooner than it did when it was recorded. If that is intended, run the test with "
                + "-Dagent4j.cassette.mode=record (or AGENT4J_CASSETTE_MODE=record) against the live model.");
    }
}
