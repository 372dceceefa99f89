package io.agent4j.bench.e2e;

import io.agent4j.Agent;
import io.agent4j.Conversation;
import io.agent4j.bench.scenario.LongHistory;
import io.agent4j.bench.scenario.LongHistory.Turn;
import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.scenario.TravelTools;
import io.agent4j.bench.worker.NoDelaySockets;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.memory.ChatMemory;
import io.agent4j.memory.InMemoryConversationStore;
import io.agent4j.memory.TokenCounter;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.usage.Budget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Step overhead in long conversations: one step (a user message, the model's answer) of a
 * conversation that already holds about 1k, 10k or 100k tokens, through agent4j and through the
 * floor, which sends the same request bytes (checked at the start). agent4j runs twice: with a
 * token window and a run token budget (both count the prompt at every step) and with the default
 * memory, which counts nothing. The sides and the sizes are interleaved in every round; each side
 * starts again from the same history every {@value #STEPS_PER_HISTORY} steps, so the history
 * grows by at most that many exchanges. Reports medians per size, the overhead over the floor,
 * and the floor's own time to write the request body.
 * {@code java -jar agent-bench.jar history [ROUNDS] [SECONDS_PER_SIZE_AND_ROUND] [SIZES]}.
 */
public final class History {

    static final int STEPS_PER_HISTORY = LongHistory.STEPS_PER_HISTORY;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private History() {
    }

    /** The first turns of {@link LongHistory} that, with the system message, hold at least {@code tokens} tokens. */
    static List<Turn> turns(int tokens) {
        TokenCounter counter = TokenCounter.forModel(Scenario.MODEL);
        Iterator<Turn> next = LongHistory.turns();
        List<Turn> turns = new ArrayList<>();
        int count = counter.countMessages(List.of(new SystemMessage(Scenario.INSTRUCTIONS)));
        while (count < tokens) {
            Turn turn = next.next();
            turns.add(turn);
            count += counter.countMessages(messages(List.of(turn)).subList(1, 5)) - TokenCounter.REPLY_PRIMING;
        }
        return turns;
    }

    static List<Message> messages(List<Turn> turns) {
        List<Message> messages = new ArrayList<>(List.of(new SystemMessage(Scenario.INSTRUCTIONS)));
        for (Turn turn : turns) {
            messages.add(new UserMessage(turn.question()));
            messages.add(new AssistantMessage(null, List.of(new ToolCall(turn.callId(), "weather", turn.arguments()))));
            messages.add(new ToolMessage(turn.callId(), "weather", turn.result()));
            messages.add(AssistantMessage.of(turn.answer()));
        }
        return List.copyOf(messages);
    }

    static ArrayNode tree(List<Turn> turns) {
        ArrayNode messages = JSON.createArrayNode();
        messages.addObject().put("role", "system").put("content", Scenario.INSTRUCTIONS);
        for (Turn turn : turns) {
            messages.addObject().put("role", "user").put("content", turn.question());
            ObjectNode call = JSON.createObjectNode().put("id", turn.callId()).put("type", "function");
            call.putObject("function").put("name", "weather").put("arguments", turn.arguments());
            messages.addObject().put("role", "assistant").putArray("tool_calls").add(call);
            messages.addObject().put("role", "tool").put("tool_call_id", turn.callId()).put("content", turn.result());
            messages.addObject().put("role", "assistant").put("content", turn.answer());
        }
        return messages;
    }

    /** One side: starts again from the base history, then takes steps. */
    interface Side extends LongHistory.Conversation {
        String name();
    }

    static final class Agent4jSide implements Side {
        private final String name;
        private final Agent agent;
        private final InMemoryConversationStore store = new InMemoryConversationStore();
        private final List<Message> base;
        private Conversation conversation;
        private int resets;

        Agent4jSide(String name, String url, OkHttpClient http, List<Message> base, boolean counting) {
            this.name = name;
            this.base = base;
            Agent.Builder builder = Agent.builder()
                    .model(OpenAiChatModel.builder().apiKey("sk-bench").baseUrl(url).model(Scenario.MODEL)
                            .httpClient(http).build())
                    .instructions(Scenario.INSTRUCTIONS).tools(new TravelTools()).maxSteps(4).store(store);
            if (counting) {
                builder.memory(ChatMemory.tokenWindow(Scenario.MODEL, 4_096))
                        .budget(Budget.NONE.withMaxTokens(1_000_000_000L));
            }
            this.agent = builder.build();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void reset() {
            String id = "history-" + resets++;
            store.append(id, 0, base);
            conversation = agent.conversation(id);
        }

        @Override
        public String step(String prompt) {
            return conversation.send(prompt).text();
        }
    }

    static final class FloorSide implements Side {
        private final OkHttpClient http;
        private final HttpUrl url;
        private final JsonNode tools = JSON.readTree(FloorRunner.TOOLS);
        private final ArrayNode base;
        private ArrayNode messages;
        long writeNanos;

        FloorSide(String url, OkHttpClient http, ArrayNode base) {
            this.http = http;
            this.url = HttpUrl.get(url + "/chat/completions");
            this.base = base;
        }

        @Override
        public String name() {
            return "floor";
        }

        @Override
        public void reset() {
            messages = base.deepCopy();
        }

        @Override
        public String step(String prompt) {
            messages.addObject().put("role", "user").put("content", prompt);
            ObjectNode body = JSON.createObjectNode();
            body.put("model", Scenario.MODEL);
            body.set("messages", messages);
            body.set("tools", tools);
            long start = System.nanoTime();
            byte[] bytes = JSON.writeValueAsBytes(body);
            writeNanos = System.nanoTime() - start;
            Request request = new Request.Builder().url(url).header("Authorization", "Bearer sk-bench")
                    .header("Accept", "application/json").post(RequestBody.create(bytes, JSON_TYPE)).build();
            try (Response response = http.newCall(request).execute()) {
                if (!response.isSuccessful()) {
                    throw new IllegalStateException("HTTP " + response.code());
                }
                JsonNode message = JSON.readTree(response.body().bytes()).path("choices").path(0).path("message");
                String text = message.path("content").asString();
                messages.addObject().put("role", "assistant").put("content", text);
                return text;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The sides of one history size. */
    record Size(int tokens, int messages, List<Side> sides, FloorSide floor) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        int[] sizes = args.length > 2 ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1_000, 10_000, 100_000};
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (StubProcess server = StubProcess.start()) {
            String url = server.baseUrl();
            List<Size> all = new ArrayList<>();
            for (int tokens : sizes) {
                List<Turn> turns = turns(tokens);
                List<Message> base = messages(turns);
                checkSameBytes(url, base, tree(turns));
                FloorSide floor = new FloorSide(url, client(), tree(turns));
                all.add(new Size(tokens, base.size(), List.of(
                        new Agent4jSide("agent4j, token window + token budget", url, client(), base, true),
                        new Agent4jSide("agent4j, all messages, no budget", url, client(), base, false),
                        floor), floor));
            }
            // samples[size][side]: step nanos and calling-thread bytes; write[size]: the floor's body writes
            List<List<List<long[]>>> samples = new ArrayList<>();
            List<List<List<Long>>> perRound = new ArrayList<>();
            List<List<Long>> writes = new ArrayList<>();
            for (Size size : all) {
                List<List<long[]>> sides = new ArrayList<>();
                List<List<Long>> rows = new ArrayList<>();
                for (int k = 0; k < size.sides().size(); k++) {
                    sides.add(new ArrayList<>());
                    rows.add(new ArrayList<>());
                }
                samples.add(sides);
                perRound.add(rows);
                writes.add(new ArrayList<>());
            }
            for (int round = -1; round < rounds; round++) {
                boolean warm = round < 0;
                for (int s = 0; s < all.size(); s++) {
                    Size size = all.get(s);
                    int n = size.sides().size();
                    List<List<long[]>> roundSamples = new ArrayList<>();
                    for (int k = 0; k < n; k++) {
                        roundSamples.add(new ArrayList<>());
                    }
                    long end = System.nanoTime() + (long) ((warm ? 2 : 1) * seconds * 1e9);
                    for (int cycle = 0; System.nanoTime() < end; cycle++) {
                        for (int j = 0; j < n; j++) {
                            int k = (j + cycle + Math.max(round, 0)) % n;
                            Side side = size.sides().get(k);
                            side.reset();
                            for (int step = 0; step < STEPS_PER_HISTORY; step++) {
                                long bytes = threads.getCurrentThreadAllocatedBytes();
                                long start = System.nanoTime();
                                String answer = side.step(LongHistory.prompt(step));
                                long nanos = System.nanoTime() - start;
                                long allocated = threads.getCurrentThreadAllocatedBytes() - bytes;
                                if (!Scenario.ANSWER.equals(answer)) {
                                    throw new IllegalStateException(side.name() + " answered " + answer);
                                }
                                if (!warm) {
                                    roundSamples.get(k).add(new long[] {nanos, allocated});
                                    if (side == size.floor()) {
                                        writes.get(s).add(size.floor().writeNanos);
                                    }
                                }
                            }
                        }
                    }
                    if (!warm) {
                        for (int k = 0; k < n; k++) {
                            samples.get(s).get(k).addAll(roundSamples.get(k));
                            perRound.get(s).get(k).add((long) median(roundSamples.get(k), 0));
                        }
                    }
                }
                System.err.println(warm ? "warmed up" : "round " + (round + 1) + " of " + rounds + " done");
            }
            report(all, samples, perRound, writes, rounds);
            counting(all, sizes);
        }
    }

    /**
     * What the token window and the budget cost at one step, without HTTP: the history and one new
     * exchange selected by a token window and estimated as a request, as the loop does before each
     * model call; each repetition adds two new messages, as a step of a conversation does.
     */
    private static void counting(List<Size> all, int[] sizes) {
        System.out.println();
        System.out.println("Counting alone: ChatMemory.tokenWindow select + TokenCounter.estimate of the request, "
                + "per step (µs), median after 3 s of warm-up");
        System.out.println("| history | messages | µs per step |");
        System.out.println("|---:|---:|---:|");
        List<io.agent4j.tool.ToolDefinition> tools = io.agent4j.tool.Toolbox.of(new TravelTools()).definitions();
        for (int s = 0; s < all.size(); s++) {
            List<Message> history = new ArrayList<>(messages(turns(sizes[s])));
            ChatMemory memory = ChatMemory.tokenWindow(Scenario.MODEL, 4_096);
            TokenCounter counter = TokenCounter.forModel(Scenario.MODEL);
            List<Long> nanos = new ArrayList<>();
            // 3 s to warm up (discarded), then 3 s measured
            long measureFrom = System.nanoTime() + 3_000_000_000L;
            long end = measureFrom + 3_000_000_000L;
            for (int i = 0; i < 20 || System.nanoTime() < end; i++) {
                history.add(new UserMessage("And question " + i + "?"));
                history.add(AssistantMessage.of(Scenario.ANSWER));
                List<Message> view = List.copyOf(history);
                long start = System.nanoTime();
                List<Message> selected = memory.select(view, tools);
                int tokens = counter.estimate(new io.agent4j.chat.ChatRequest(selected, tools));
                if (start >= measureFrom) {
                    nanos.add(System.nanoTime() - start);
                }
                if (tokens <= 0 || selected.size() != view.size()) {
                    throw new IllegalStateException("the window dropped messages: " + selected.size());
                }
                history.subList(history.size() - 2, history.size()).clear();
            }
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %,d | %,d | %.1f |%n", sizes[s], history.size(),
                    sorted[sorted.length / 2] / 1e3);
        }
    }

    private static void report(List<Size> all, List<List<List<long[]>>> samples, List<List<List<Long>>> perRound,
            List<List<Long>> writes, int rounds) {
        System.out.printf(Locale.ROOT, "%nOne step of a long conversation, medians over %d rounds (µs)%n", rounds);
        System.out.println("| history | messages | side | step | ratio | overhead | KiB/step | floor's body write |");
        System.out.println("|---:|---:|---|---:|---:|---:|---:|---:|");
        for (int s = 0; s < all.size(); s++) {
            Size size = all.get(s);
            int floorAt = size.sides().indexOf(size.floor());
            double floor = median(samples.get(s).get(floorAt), 0);
            double write = writes.get(s).stream().mapToLong(Long::longValue).sorted().skip(writes.get(s).size() / 2)
                    .findFirst().orElse(0) / 1e3;
            for (int k = 0; k < size.sides().size(); k++) {
                double step = median(samples.get(s).get(k), 0);
                System.out.printf(Locale.ROOT, "| %,d | %,d | %s | %.0f | %.2f | %s | %.1f | %s |%n", size.tokens(),
                        size.messages(), size.sides().get(k).name(), step / 1e3, step / floor,
                        k == floorAt ? "—" : String.format(Locale.ROOT, "%.0f", (step - floor) / 1e3),
                        median(samples.get(s).get(k), 1) / 1024, k == floorAt ? String.format(Locale.ROOT, "%.0f",
                        write) : "");
            }
        }
        System.out.println();
        System.out.println("Overhead over the floor per round, from each round's medians (µs):");
        for (int s = 0; s < all.size(); s++) {
            Size size = all.get(s);
            int floorAt = size.sides().indexOf(size.floor());
            for (int k = 0; k < size.sides().size(); k++) {
                if (k == floorAt) {
                    continue;
                }
                StringBuilder line = new StringBuilder();
                for (int r = 0; r < rounds; r++) {
                    line.append(r == 0 ? "" : ", ").append((perRound.get(s).get(k).get(r)
                            - perRound.get(s).get(floorAt).get(r)) / 1000);
                }
                System.out.printf(Locale.ROOT, "- %,d tokens, %s: %s%n", size.tokens(), size.sides().get(k).name(),
                        line);
            }
        }
    }

    /** The clients of every side: the harness's, with Nagle's algorithm off ({@link NoDelaySockets}). */
    static OkHttpClient client() {
        return Harness.client(1).newBuilder().socketFactory(new NoDelaySockets()).build();
    }

    private static double median(List<long[]> rows, int column) {
        long[] values = rows.stream().mapToLong(row -> row[column]).sorted().toArray();
        return values.length == 0 ? 0 : values[values.length / 2];
    }

    /** Both sides must send the same request body: the comparison is of the clients, not of what they send. */
    private static void checkSameBytes(String url, List<Message> base, ArrayNode tree) {
        byte[][] captured = new byte[3][];
        List<Side> sides = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            int at = k;
            OkHttpClient capturing = client().newBuilder().addInterceptor(chain -> {
                Buffer buffer = new Buffer();
                chain.request().body().writeTo(buffer);
                captured[at] = buffer.readByteArray();
                return chain.proceed(chain.request());
            }).build();
            sides.add(k == 0 ? new Agent4jSide("a", url, capturing, base, true)
                    : k == 1 ? new Agent4jSide("b", url, capturing, base, false) : new FloorSide(url, capturing, tree));
        }
        for (int k = 0; k < 3; k++) {
            sides.get(k).reset();
            sides.get(k).step(LongHistory.prompt(0));
            sides.get(k).step(LongHistory.prompt(1));
        }
        for (int k = 0; k < 2; k++) {
            if (!Arrays.equals(captured[k], captured[2])) {
                throw new IllegalStateException("agent4j and the floor send different bodies (" + captured[k].length
                        + " and " + captured[2].length + " bytes):\n" + new String(captured[k]).substring(0,
                        Math.min(600, captured[k].length)) + "\n" + new String(captured[2]).substring(0,
                        Math.min(600, captured[2].length)));
            }
        }
        System.err.printf(Locale.ROOT, "history of %d messages: request bodies identical on both sides (%,d bytes)%n",
                base.size(), captured[2].length);
    }
}
