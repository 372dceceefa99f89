package io.agent4j.examples;

import io.agent4j.Agent;
import io.agent4j.Conversation;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.tool.ToolPack;
import io.agent4j.tool.Toolbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

/**
 * A general assistant for conversations, with every tool pack on the class path: those of
 * agent-tools ({@code math}, {@code units}, {@code time}, {@code files}, {@code http}) and any pack
 * jar added to it. It shows <em>discovery</em>: {@link ToolPack#discover} finds the packs that
 * jars declare, and {@link Toolbox#ofPacks} makes their tools with the settings.
 *
 * <pre>{@code
 * List<ToolPack> packs = ToolPack.discover(getClass().getClassLoader());
 * Agent agent = Agent.builder()
 *         .model(OpenAiChatModel.fromEnv())
 *         .instructions(INSTRUCTIONS)
 *         .tools(Toolbox.ofPacks(packs, Map.of()))    // e.g. Map.of("files.root", "/data")
 *         .build();
 * Conversation chat = agent.conversation();
 * chat.send("How many days are there from 2026-03-14 to 2026-12-25?");
 * chat.send("My flight leaves Seoul at 09:00 on that last day. What time is it in New York then?");
 * }</pre>
 *
 * From the command line: {@code agent4j chat --example chat}.
 */
public final class ChatExample {

    /** The system message of the example. */
    public static final String INSTRUCTIONS = "You are a helpful general assistant. You have tools for exact "
            + "arithmetic, unit conversion, dates and time zones, the files of one folder, and public web "
            + "pages. Use a tool whenever it makes an answer exact, and never guess numbers, dates or times; "
            + "call independent tools in the same step. Later questions may refer to earlier answers. "
            + "Answer concisely.";

    /** A conversation of three turns; the second refers back to the first. */
    public static final List<String> SAMPLE_PROMPTS = List.of(
            "How many days are there from 2026-03-14 to 2026-12-25?",
            "My flight leaves Seoul at 09:00 on that last day. What time is it in New York then?",
            "What is 15% of a 1,240 USD fare, and how many kg is a 50 lb suitcase?");

    private ChatExample() {
    }

    /**
     * The tools of every pack on the class path of this class, each pack given its settings
     * ({@code files.root}, {@code http.allow} ...; see docs/tools.md).
     *
     * @throws io.agent4j.errors.ToolRegistrationException when a pack refuses a setting
     */
    public static Toolbox tools(Map<String, String> settings) {
        List<ToolPack> packs = ToolPack.discover(ChatExample.class.getClassLoader());
        return Toolbox.ofPacks(packs, settings);
    }

    /** A builder with the instructions and the tools of every pack at their default settings; add a model and build. */
    public static Agent.Builder builder() {
        return Agent.builder()
                .instructions(INSTRUCTIONS)
                .tools(tools(Map.of()));
    }

    /**
     * Chats against {@code OPENAI_API_KEY}: each line of standard input is a message, each answer is
     * printed; the end of input ends the chat.
     */
    public static void main(String[] args) throws IOException {
        Conversation chat = builder().model(OpenAiChatModel.fromEnv()).build().conversation();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
                System.out.println(chat.send(line.strip()).text());
            }
        }
    }
}
