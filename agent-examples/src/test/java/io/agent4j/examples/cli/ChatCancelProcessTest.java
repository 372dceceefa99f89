package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.memory.JdbcConversationStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A stop signal in the middle of a tool: the session keeps the call, answered honestly as cancelled. */
class ChatCancelProcessTest {

    @RegisterExtension
    static WireMockExtension server = FakeOpenAi.extension();

    @TempDir
    Path dir;

    @Test
    void aSignalInTheMiddleOfAToolStoresTheCallAsCancelledAndTheNextChatContinues() throws Exception {
        Path jar = GateTool.jar(dir);
        Path store = dir.resolve("chats.db");
        Path marker = dir.resolve("entered");
        FakeOpenAi.script(server, FakeOpenAi.toolCalls(new String[] {"g1", "waitHere", "{}"}),
                FakeOpenAi.answer("It was cancelled."));
        Process process = CliProcess.start(dir, GateTool.environment(marker), "Wait, please.\n",
                dir.resolve("stderr.txt"), "chat", "--base-url", FakeOpenAi.baseUrl(server), "--api-key",
                FakeOpenAi.KEY, "--tools", jar.toString(), "--store", store.toString(), "--session", "s", "--quiet");
        GateTool.awaitEntered(process, marker);
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCodes.TERMINATED);

        List<Message> stored = JdbcConversationStore.sqlite(store).load("s");
        assertThat(stored).containsExactly(new SystemMessage(RunCommand.GENERIC_INSTRUCTIONS),
                new UserMessage("Wait, please."), new AssistantMessage(null, List.of(new ToolCall("g1", "waitHere",
                        "{}"))), new ToolMessage("g1", "waitHere", "Cancelled: the run was stopped before tool "
                        + "'waitHere' returned, so this call has no result."));

        Cli.Result next = CliProcess.run(dir, Map.of(), "What happened?\n", "chat", "--base-url",
                FakeOpenAi.baseUrl(server), "--api-key", FakeOpenAi.KEY, "--store", store.toString(), "--session", "s",
                "--quiet");
        assertThat(next.exitCode()).as(next.err()).isEqualTo(ExitCodes.OK);
        assertThat(next.out().strip()).isEqualTo("It was cancelled.");
    }
}
