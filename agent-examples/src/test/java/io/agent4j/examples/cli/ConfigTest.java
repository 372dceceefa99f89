package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.Message;
import io.agent4j.examples.CalcSession;
import io.agent4j.memory.JdbcConversationStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Settings from flags, then the environment, then {@code ~/.agent4j/config.properties}, then the
 * defaults; {@code --show-config}. The home folder is a temporary one ({@code user.home} is set
 * for each test and restored after it).
 */
class ConfigTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ELLIPSIS = Style.PLAIN.ellipsis();

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

    private Path config(String text) throws Exception {
        Path file = home.resolve(".agent4j").resolve("config.properties");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** The lines of --show-config by setting name: the rest of each line after the name. */
    private static Map<String, String> shown(Cli.Result result) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        return result.out().lines().collect(java.util.stream.Collectors.toMap(
                line -> line.substring(0, line.indexOf(' ')), line -> line.substring(line.indexOf(' ')).strip()));
    }

    @Test
    void withNothingSetShowsTheDefaultsAndNoKey() {
        Map<String, String> shown = shown(Cli.run("run", "--show-config"));

        assertThat(shown.get("api-key")).isEqualTo("(not set)");
        assertThat(shown.get("base-url")).matches("https://api\\.openai\\.com/v1 +default");
        assertThat(shown.get("model")).matches("gpt-4o-mini +default");
        assertThat(shown.get("prices")).matches("\\(the standard prices\\) +default");
        assertThat(shown.get("structured-output")).matches("json_schema +default");
        assertThat(shown.get("config")).isEqualTo(home.resolve(".agent4j/config.properties") + " (no such file)");
        assertThat(shown).doesNotContainKey("store");
    }

    @Test
    void structuredOutputComesFromTheFlagThenTheFileAndOnlyRunShowsIt() throws Exception {
        Path file = config("structured-output = json_object\n");

        Map<String, String> fromFile = shown(Cli.run("run", "--show-config"));
        Map<String, String> fromFlag = shown(Cli.run("run", "--show-config", "--structured-output", "instructions"));
        Map<String, String> chat = shown(Cli.run("chat", "--show-config"));

        assertThat(fromFile.get("structured-output")).matches("json_object +file " + Pattern.quote(file + " line 1"));
        assertThat(fromFlag.get("structured-output")).matches("instructions +flag --structured-output");
        assertThat(chat).doesNotContainKey("structured-output");
    }

    @Test
    void theFilesStructuredOutputAppliesToATypedRun() throws Exception {
        config("api-key = k\nbase-url = " + FakeOpenAi.baseUrl(server) + "\nstructured-output = json_object\n");
        Path schema = Files.writeString(home.resolve("answer.json"),
                "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"],"
                        + "\"additionalProperties\":false}");
        FakeOpenAi.script(server, FakeOpenAi.answer("{\"n\":3}"));

        Cli.Result result = Cli.run("run", "--quiet", "--output-schema", schema.toString(), "Three as JSON");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(FakeOpenAi.requests(server).get(0).at("/response_format/type").asString()).isEqualTo("json_object");
    }

    @Test
    void aWrongStructuredOutputInTheFileIsAUsageErrorNamingTheLine() throws Exception {
        Path file = config("api-key = k\nstructured-output = grammar\n");

        Cli.Result result = Cli.run("run", "--base-url", FakeOpenAi.baseUrl(server), "Hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("agent4j: " + file + " line 2: structured-output 'grammar' must "
                + "be json_schema, json_object or instructions");
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void theKeyIsMaskedToItsLastFourCharactersAtMost() {
        String key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123";
        Cli.Result result = Cli.run(Map.of("OPENAI_API_KEY", key), "run", "--show-config");

        assertThat(shown(result).get("api-key")).matches(Pattern.quote("sk-" + ELLIPSIS + "0123") + " +env OPENAI_API_KEY");
        assertThat(result.out()).doesNotContain("abcdefgh").doesNotContain("proj");
        assertThat(Settings.mask("short-key", Style.PLAIN)).isEqualTo(ELLIPSIS);
        assertThat(Settings.mask("0123456789abcdefWXYZ", Style.PLAIN)).isEqualTo(ELLIPSIS + "WXYZ");
        assertThat(Settings.mask(null, Style.PLAIN)).isEqualTo("(not set)");
    }

    @Test
    void credentialsInTheBaseUrlAreShownAsStarsInTextAndInJson() {
        Map<String, String> environment = Map.of("OPENAI_BASE_URL", "https://agent:s3cr3t-Passw0rd@gateway.example/v1");

        Cli.Result text = Cli.run(environment, "run", "--show-config");
        Cli.Result json = Cli.run(environment, "run", "--show-config", "--json");

        assertThat(shown(text).get("base-url")).matches(Pattern.quote("https://***@gateway.example/v1")
                + " +env OPENAI_BASE_URL");
        assertThat(JSON.readTree(json.out()).path("settings").path("base-url").path("value").asString())
                .isEqualTo("https://***@gateway.example/v1");
        for (Cli.Result result : List.of(text, json)) {
            assertThat(result.out() + result.err()).doesNotContain("s3cr3t").doesNotContain("agent:");
        }
        assertThat(ShowConfig.withoutCredentials("http://localhost:11434/v1", null))
                .isEqualTo("http://localhost:11434/v1");
        assertThat(ShowConfig.withoutCredentials("http://host/v1?to=a@b", null)).isEqualTo("http://host/v1?to=a@b");
    }

    @Test
    void aKeyOrTokenInTheBaseUrlsQueryIsShownAsStars() {
        String key = "0123456789abcdef0123456789abcdef";
        Map<String, String> environment = Map.of("OPENAI_API_KEY", key, "OPENAI_BASE_URL",
                "https://gateway.example/v1?api-version=2024-10-21&subscription-key=" + key + "&sig=XyZ987&tag=" + key);

        Cli.Result text = Cli.run(environment, "run", "--show-config");
        Cli.Result json = Cli.run(environment, "run", "--show-config", "--json");

        assertThat(JSON.readTree(json.out()).path("settings").path("base-url").path("value").asString())
                .isEqualTo("https://gateway.example/v1?api-version=2024-10-21&subscription-key=***&sig=***&tag=***");
        for (Cli.Result result : List.of(text, json)) {
            assertThat(result.out() + result.err()).doesNotContain(key).doesNotContain("XyZ987");
        }
    }

    @Test
    void aFlagBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() throws Exception {
        Path file = config("""
                # my settings
                api-key = sk-file-0000000000000000FILE
                base-url = http://127.0.0.1:1/file/v1
                model = model-from-file
                """);
        Map<String, String> environment = Map.of("OPENAI_BASE_URL", "http://127.0.0.1:1/env/v1",
                "AGENT4J_MODEL", "model-from-env");

        Map<String, String> shown = shown(Cli.run(environment, "run", "--show-config", "--model", "model-from-flag"));

        assertThat(shown.get("model")).matches("model-from-flag +flag --model");
        assertThat(shown.get("base-url")).matches("http://127.0.0.1:1/env/v1 +env OPENAI_BASE_URL");
        assertThat(shown.get("api-key")).matches(Pattern.quote("sk-" + ELLIPSIS + "FILE") + " +"
                + Pattern.quote("file " + file + " line 2"));
        assertThat(shown.get("prices")).matches("\\(the standard prices\\) +default");
        assertThat(shown.get("config")).isEqualTo(file.toString());
    }

    @Test
    void showConfigCallsNoModelAndNeedsNoPrompt() throws Exception {
        config("base-url = " + FakeOpenAi.baseUrl(server) + "\napi-key = k\n");

        Cli.Result result = Cli.run("run", "--show-config");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
        assertThat(FakeOpenAi.requests(server)).isEmpty();
    }

    @Test
    void showConfigAsJson() throws Exception {
        Path file = config("model = m\n");

        Cli.Result result = Cli.run(Map.of("OPENAI_API_KEY", "sk-0123456789abcdefWXYZ"), "chat", "--show-config",
                "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode root = JsonOutputTest.onlyObject(result.out());
        JsonNode settings = root.path("settings");
        assertThat(settings.path("api-key").path("value").asString()).isEqualTo("sk-" + ELLIPSIS + "WXYZ");
        assertThat(settings.path("api-key").path("source").asString()).isEqualTo("env");
        assertThat(settings.path("api-key").path("from").asString()).isEqualTo("OPENAI_API_KEY");
        assertThat(settings.path("model").path("source").asString()).isEqualTo("file");
        assertThat(settings.path("model").path("from").asString()).isEqualTo(file + " line 1");
        assertThat(settings.path("base-url").path("source").asString()).isEqualTo("default");
        assertThat(settings.path("store").path("value").asString())
                .isEqualTo(home.resolve(".agent4j/sessions.db").toString());
        assertThat(root.path("configFile").path("exists").asBoolean()).isTrue();
    }

    @Test
    void chatShowsTheStoreAndReplayTheRecording() {
        Map<String, String> shown = shown(Cli.run("chat", "--show-config", "--replay", "x.json"));

        assertThat(shown.get("store")).matches("memory only \\(--replay without --store\\) +default");
        assertThat(shown.get("replay")).matches("x.json +flag --replay");
        assertThat(shown).containsKey("With");
    }

    @Test
    void theFileSuppliesTheKeyTheEndpointAndTheModelOfALiveRun() throws Exception {
        config("api-key = " + FakeOpenAi.KEY + "\nbase-url = " + FakeOpenAi.baseUrl(server)
                + "\nmodel = gpt-from-file\n");
        FakeOpenAi.script(server, FakeOpenAi.answer("Hello!"));

        Cli.Result result = Cli.run("run", "--quiet", "Hi");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).isEqualTo("Hello!" + System.lineSeparator());
        assertThat(FakeOpenAi.requests(server).get(0).path("model").asString()).isEqualTo("gpt-from-file");
        assertThat(server.getAllServeEvents().get(0).getRequest().getHeader("Authorization"))
                .isEqualTo("Bearer " + FakeOpenAi.KEY);
    }

    @Test
    void theModelOfTheEnvironmentBeatsTheFile() throws Exception {
        config("api-key = k\nbase-url = " + FakeOpenAi.baseUrl(server) + "\nmodel = gpt-from-file\n");
        FakeOpenAi.script(server, FakeOpenAi.answer("Hello!"));

        Cli.Result result = Cli.run(Map.of("AGENT4J_MODEL", "gpt-from-env"), "run", "--quiet", "Hi");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(FakeOpenAi.requests(server).get(0).path("model").asString()).isEqualTo("gpt-from-env");
    }

    @Test
    void pricesAndStoreOfTheFileAreRelativeToItsFolder() throws Exception {
        config("api-key = k\nbase-url = " + FakeOpenAi.baseUrl(server) + "\nprices = my-prices.properties\n"
                + "store = chats/my.db\n");
        Files.writeString(home.resolve(".agent4j/my-prices.properties"),
                "date=2025-08-07\n" + FakeOpenAi.MODEL + " = 1000, 500, 2000\n");
        FakeOpenAi.script(server, FakeOpenAi.answer("Hello!"));

        Cli.Result result = Cli.withInput("Hi\n", "chat", "--session", "s");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.errLines()).containsExactly("[120 tokens: 100 prompt (0 cached) + 20 completion; "
                + "cost $0.14 | session 120 tokens, $0.14]");
        Path store = home.resolve(".agent4j/chats/my.db");
        assertThat(JdbcConversationStore.sqlite(store).load("s")).extracting(Message::content).contains("Hello!");
    }

    @Test
    void aMalformedFileIsAUsageErrorNamingTheLine() throws Exception {
        Path file = config("model = m\n\nsk-pasted-without-a-key-0123456789\n");

        Cli.Result result = Cli.run("run", "--show-config");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).singleElement().asString()
                .isEqualTo("agent4j: " + file + " line 3: expected key = value (the keys are api-key, base-url, "
                        + "model, prices, store, structured-output)");
    }

    @Test
    void unknownRepeatedAndEmptyKeysAreUsageErrors() throws Exception {
        Path file = config("modle = gpt-4o\n");
        Cli.Result unknown = Cli.run("run", "--example", "calc", "--replay", CalcSession.SHIPPED.toString());
        config("model = a\nmodel = b\n");
        Cli.Result repeated = Cli.withInput("Hi\n", "chat", "--replay", CalcSession.SHIPPED.toString());
        config("api-key =\n");
        Cli.Result empty = Cli.run("run", "--show-config");

        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.errLines()).containsExactly("agent4j: " + file + " line 1: unknown key 'modle'; the keys "
                + "are api-key, base-url, model, prices, store, structured-output");
        assertThat(repeated.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(repeated.errLines()).containsExactly("agent4j: " + file + " line 2: 'model' is already set on "
                + "line 1");
        assertThat(empty.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(empty.errLines()).singleElement().asString().contains("line 1: 'api-key' has no value");
    }

    @Test
    void aPriceFileTheConfigNamesMustExist() throws Exception {
        Path file = config("prices = nowhere.properties\n");

        Cli.Result result = Cli.run("run", "--example", "calc", "--replay", CalcSession.SHIPPED.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString().isEqualTo("agent4j: " + file + " line 1: prices "
                + home.resolve(".agent4j/nowhere.properties") + ": no such file");
    }

    @Test
    void aBadBaseUrlFromTheEnvironmentSaysWhereItCameFrom() {
        Cli.Result result = Cli.run(Map.of("OPENAI_BASE_URL", "localhost:11434", "OPENAI_API_KEY", "k"), "run", "Hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("agent4j: Base URL 'localhost:11434' is not an http(s) URL")
                .contains("(base-url from env OPENAI_BASE_URL)");
    }

    @Test
    void theMissingKeyMessageNamesTheConfigFile() {
        Cli.Result result = Cli.run("run", "--base-url", "http://127.0.0.1:9/v1", "Hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTHENTICATION);
        assertThat(result.errLines()).singleElement().asString()
                .contains("api-key = KEY in " + home.resolve(".agent4j/config.properties"));
    }
}
