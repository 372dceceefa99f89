package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.Message;
import io.agent4j.chat.Role;
import io.agent4j.memory.JdbcConversationStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two {@code agent4j chat} processes, one after the other, on one session: the second continues
 * where the first stopped. Each runs in a new JVM on this test's class path, its standard input a
 * file, so the conversation can only pass through the SQLite store.
 */
class ChatProcessTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    Path dir;

    private Cli.Result chatProcess(String input, String... options) throws Exception {
        Path stdin = Files.writeString(dir.resolve("stdin.txt"), input);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + dir.resolve("home"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "chat", "--base-url", FakeOpenAi.baseUrl(server), "--api-key", FakeOpenAi.KEY));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(stdin.toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("OPENAI_"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Cli.Result(process.exitValue(), out, Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void aSecondProcessContinuesTheSessionOfTheFirst() throws Exception {
        FakeOpenAi.script(server, FakeOpenAi.answer("Paris."), FakeOpenAi.answer("About 2.1 million."));
        Path store = dir.resolve("s.db");

        Cli.Result first = chatProcess("What is the capital of France?\n", "--session", "s", "--store",
                store.toString());
        Cli.Result second = chatProcess("How many people live there?\n/exit\n", "--session", "s", "--store",
                store.toString());

        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
        assertThat(first.out()).isEqualTo("Paris." + System.lineSeparator());
        assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.OK);
        assertThat(second.out()).isEqualTo("About 2.1 million." + System.lineSeparator());
        assertThat(second.err().lines().toList()).containsExactly("[120 tokens: 100 prompt (0 cached) + 20 "
                + "completion; cost $0.000027 | session 120 tokens, $0.000027]");

        List<JsonNode> requests = FakeOpenAi.requests(server);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).path("messages").valueStream().map(m -> m.path("content").asString()).toList())
                .containsExactly(RunCommand.GENERIC_INSTRUCTIONS, "What is the capital of France?", "Paris.",
                        "How many people live there?");

        List<Message> stored = JdbcConversationStore.sqlite(store).load("s");
        assertThat(stored).extracting(Message::role)
                .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
        assertThat(stored).extracting(Message::content).containsExactly(RunCommand.GENERIC_INSTRUCTIONS,
                "What is the capital of France?", "Paris.", "How many people live there?", "About 2.1 million.");
        assertThat(dir.resolve("home")).doesNotExist();
    }

    @Test
    void withoutStoreTheSessionGoesToTheUsersHome() throws Exception {
        FakeOpenAi.script(server, FakeOpenAi.answer("Hello!"));

        Cli.Result result = chatProcess("Hi\n", "--quiet");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
        Path file = dir.resolve("home").resolve(".agent4j").resolve("sessions.db");
        assertThat(JdbcConversationStore.sqlite(file).load("default")).extracting(Message::content)
                .containsExactly(RunCommand.GENERIC_INSTRUCTIONS, "Hi", "Hello!");
    }
}
