package io.agent4j.examples;

import io.agent4j.Agent;
import io.agent4j.chat.ImagePart;
import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import io.agent4j.tool.ToolResult;
import io.agent4j.tool.Toolbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An agent that reads receipts: it opens a receipt image of one folder with a tool that returns
 * an image ({@link ToolResult#withImages}) and answers with the total. It shows <em>images in</em>:
 * the tool message says the image follows, and the image reaches the model in the user message
 * after it.
 *
 * <pre>{@code
 * Agent agent = ReceiptExample.builder(Path.of("receipts")).model(OpenAiChatModel.fromEnv()).build();
 * agent.run("What is the total of the receipt receipt.png?").text();
 * }</pre>
 *
 * From the command line, the folder is a setting:
 * {@code agent4j run --example receipt --tool-config receipt.folder=DIR "What is the total of scan.jpg?"};
 * without it, the current directory. A single image can also go with the prompt itself:
 * {@code agent4j run --image receipt.png "What is the total?"}.
 */
public final class ReceiptExample {

    /** The setting that names the folder of receipt images; default the current directory. */
    public static final String FOLDER = "receipt.folder";

    /** The folder the shipped session was made with, from the repository root. */
    public static final String SAMPLE_FOLDER = "agent-examples/sample-receipts";

    /** The system message of the example. */
    public static final String INSTRUCTIONS = "You read receipts. Open the receipt image with open_image before "
            + "you answer, and never guess an amount you have not seen. Answer with the total as printed on "
            + "the receipt, with its currency, in one short sentence.";

    /** A prompt about the sample receipt. */
    public static final String SAMPLE_PROMPT = "What is the total of the receipt receipt.png?";

    private ReceiptExample() {
    }

    /**
     * The example's tool, {@code open_image}, on the folder {@code receipt.folder} of the settings.
     *
     * @throws ToolRegistrationException when the folder does not exist
     */
    public static Toolbox tools(Map<String, String> settings) {
        String folder = settings.getOrDefault(FOLDER, ".").strip();
        Path root = Path.of(folder.isEmpty() ? "." : folder).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new ToolRegistrationException("The receipt example's folder " + root + " (" + FOLDER
                    + ") is not a directory; give one with --tool-config " + FOLDER + "=DIR.");
        }
        return Toolbox.of(new ReceiptImages(root));
    }

    /** A builder with the instructions and the tool on {@code folder}; add a model and build. */
    public static Agent.Builder builder(Path folder) {
        return Agent.builder().instructions(INSTRUCTIONS).tools(tools(Map.of(FOLDER, folder.toString())));
    }

    /** The tool: opens an image of one folder, and nothing outside it. */
    public static final class ReceiptImages {

        private final Path root;

        ReceiptImages(Path root) {
            this.root = root;
        }

        /**
         * The image {@code file} of the folder, for the model to look at.
         *
         * @throws IllegalArgumentException when the file is outside the folder, missing or no image
         */
        @Tool(name = "open_image", value = "Opens an image file of the receipts folder so that you can see it")
        public ToolResult openImage(@Param("The image's path, relative to the folder, e.g. receipt.png") String file) {
            Path path = root.resolve(file).normalize();
            if (!path.startsWith(root)) {
                throw new IllegalArgumentException(file + " is outside the receipts folder; give a path inside it");
            }
            return ToolResult.withImages("The image " + file + " follows.", ImagePart.fromFile(path).url());
        }
    }

    /**
     * Runs the example on the current directory against {@code OPENAI_API_KEY}, with the arguments
     * as the prompt or the sample prompt when there are none.
     */
    public static void main(String[] args) {
        Agent agent = builder(Path.of(".")).model(OpenAiChatModel.fromEnv()).build();
        String prompt = args.length == 0 ? SAMPLE_PROMPT : String.join(" ", args);
        System.out.println(agent.run(prompt).text());
    }
}
