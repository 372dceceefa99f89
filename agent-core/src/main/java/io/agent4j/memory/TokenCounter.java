package io.agent4j.memory;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ImagePart;
import io.agent4j.chat.Message;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.chat.internal.ChatJson;
import io.agent4j.chat.internal.IdentityCache;
import io.agent4j.memory.internal.ImageSizes;
import io.agent4j.tool.ToolDefinition;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts tokens the way OpenAI's models see them, with jtokkit: {@code o200k_base} for the GPT-4o,
 * GPT-4.1, GPT-5 and o-series models, {@code cl100k_base} for GPT-4 and GPT-3.5, and
 * {@code o200k_base} for models it does not know. Message counts add OpenAI's documented overhead
 * (3 tokens a message, 3 to prime the reply); tool definitions and tool calls are counted by their
 * JSON, an estimate that errs on the high side. Images are counted by OpenAI's published rule: a
 * {@code low} detail image costs 85 tokens; a {@code high} (or {@code auto}) one is scaled to fit
 * 2048x2048, then so that its shortest side is at most 768 pixels, and costs 170 tokens for each
 * 512-pixel tile plus 85. The size of a {@code data:} image is read from its bytes; an image by URL,
 * or one whose size cannot be read, is counted as the most a high-detail image can cost
 * ({@value #UNKNOWN_IMAGE} tokens).
 *
 * <p>A counter remembers the count of each message and tool definition it has counted, by the
 * object's identity (they are immutable records), for as long as the object lives: a long
 * conversation's history is tokenized once, not at every step. {@link #forModel} hands out one
 * shared counter per encoding, so every part of an agent that counts for the same model shares
 * these counts. Thread-safe.
 */
public final class TokenCounter {

    /** Tokens every message costs beyond its content. */
    public static final int PER_MESSAGE = 3;
    /** Tokens that prime the model's reply. */
    public static final int REPLY_PRIMING = 3;

    /** Tokens of a {@code low} detail image, and the base of every image. */
    public static final int LOW_DETAIL_IMAGE = 85;
    /** Tokens of each 512-pixel tile of a {@code high} detail image. */
    public static final int PER_TILE = 170;
    /**
     * Tokens counted for a high-detail image of unknown size: the most any image can cost, 8 tiles
     * (an image of 768x2048 after scaling) plus 85.
     */
    public static final int UNKNOWN_IMAGE = LOW_DETAIL_IMAGE + 8 * PER_TILE;

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private static final Map<EncodingType, TokenCounter> SHARED = new ConcurrentHashMap<>();

    private final Encoding encoding;
    private final IdentityCache<Integer> counts = new IdentityCache<>();

    private TokenCounter(Encoding encoding) {
        this.encoding = encoding;
    }

    /** The shared counter for a model name, such as {@code gpt-4o-mini} or {@code gpt-4-0613}. */
    public static TokenCounter forModel(String model) {
        return of(encodingOf(model));
    }

    /** The shared counter for an encoding. */
    static TokenCounter of(EncodingType type) {
        return SHARED.computeIfAbsent(type, t -> new TokenCounter(REGISTRY.getEncoding(t)));
    }

    /** A counter of its own for a jtokkit encoding (a test's counting one); it remembers counts apart. */
    static TokenCounter of(Encoding encoding) {
        return new TokenCounter(Objects.requireNonNull(encoding, "encoding"));
    }

    static EncodingType encodingOf(String model) {
        String name = model == null ? "" : model.toLowerCase(java.util.Locale.ROOT);
        boolean legacy = (name.startsWith("gpt-4") && !name.startsWith("gpt-4o") && !name.startsWith("gpt-4.1")
                && !name.startsWith("gpt-4.5")) || name.startsWith("gpt-3.5") || name.startsWith("text-embedding");
        return legacy ? EncodingType.CL100K_BASE : EncodingType.O200K_BASE;
    }

    /** The encoding's name, such as {@code o200k_base}. */
    public String encodingName() {
        return encoding.getName();
    }

    /** The tokens of a text. */
    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /** The tokens of one message, overhead included (counted once per message object). */
    public int count(Message message) {
        return counts.get(message, this::tokens);
    }

    private int tokens(Message message) {
        int tokens = PER_MESSAGE + count(message.role().wireName()) + count(message.content());
        if (message instanceof AssistantMessage assistant) {
            for (ToolCall call : assistant.toolCalls()) {
                tokens += PER_MESSAGE + count(call.id()) + count(call.name()) + count(call.arguments());
            }
        } else if (message instanceof ToolMessage tool) {
            tokens += count(tool.toolCallId());
        } else if (message instanceof UserMessage user) {
            for (ImagePart image : user.images()) {
                tokens += count(image);
            }
        }
        return tokens;
    }

    /** The tokens of an image, by OpenAI's rule for its detail and size (see the class comment). */
    public int count(ImagePart image) {
        if (image.detail() == ImagePart.Detail.LOW) {
            return LOW_DETAIL_IMAGE;
        }
        int[] size = image.isData() ? ImageSizes.of(image.url()) : null;
        return size == null ? UNKNOWN_IMAGE : imageTokens(size[0], size[1]);
    }

    /** The tokens of a high-detail image of {@code width} x {@code height} pixels. */
    public static int imageTokens(int width, int height) {
        double w = width;
        double h = height;
        if (Math.max(w, h) > 2048) {
            double scale = 2048 / Math.max(w, h);
            w *= scale;
            h *= scale;
        }
        if (Math.min(w, h) > 768) {
            double scale = 768 / Math.min(w, h);
            w *= scale;
            h *= scale;
        }
        long tiles = (long) Math.ceil(w / 512) * (long) Math.ceil(h / 512);
        return (int) (LOW_DETAIL_IMAGE + PER_TILE * tiles);
    }

    /** The tokens of messages as a prompt: each message, plus the reply priming. */
    public int countMessages(List<Message> messages) {
        int tokens = REPLY_PRIMING;
        for (Message message : messages) {
            tokens += count(message);
        }
        return tokens;
    }

    /** The tokens the tool definitions add to a prompt (an estimate from their JSON; once per definition object). */
    public int countTools(List<ToolDefinition> tools) {
        int tokens = 0;
        for (ToolDefinition tool : tools) {
            tokens += counts.get(tool, t -> PER_MESSAGE + count(ChatJson.write(t).toString()));
        }
        return tokens;
    }

    /** An estimate of the prompt tokens of a request, before it is sent; the server's usage is what counts after. */
    public int estimate(ChatRequest request) {
        return countMessages(request.messages()) + countTools(request.tools());
    }

    @Override
    public String toString() {
        return "TokenCounter[" + encodingName() + "]";
    }
}
