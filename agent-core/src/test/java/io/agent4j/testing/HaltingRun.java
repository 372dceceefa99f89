package io.agent4j.testing;

import io.agent4j.Agent;
import io.agent4j.memory.JdbcConversationStore;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.tool.Tool;
import java.nio.file.Path;

/**
 * A process that dies in the middle of a turn: {@code HaltingRun BASE_URL FILE CONVERSATION} sends
 * one message to a conversation stored in a SQLite file; the model calls {@code halt}, which ends
 * the JVM at once with exit code {@value #EXIT_CODE}, as a crash or a kill would.
 */
public final class HaltingRun {

    /** The exit code of the halt. */
    public static final int EXIT_CODE = 77;

    /** The tool that ends the process. */
    public static final class Halt {
        /** Ends the JVM without running shutdown hooks. */
        @Tool("Halts")
        public String halt() {
            Runtime.getRuntime().halt(EXIT_CODE);
            return "never";
        }
    }

    private HaltingRun() {
    }

    /** Runs the turn; returning normally means the tool was not called. */
    public static void main(String[] args) {
        Agent agent = Agent.builder()
                .model(OpenAiChatModel.builder().apiKey(ChatServer.KEY).baseUrl(args[0]).build())
                .instructions("You are terse.")
                .tools(new Halt())
                .store(JdbcConversationStore.sqlite(Path.of(args[1])))
                .build();
        agent.conversation(args[2]).send("Please halt.");
    }
}
