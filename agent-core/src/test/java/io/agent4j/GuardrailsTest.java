package io.agent4j;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ChatResponse;
import io.agent4j.chat.ImagePart;
import io.agent4j.chat.Message;
import io.agent4j.chat.TextPart;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.ToolMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.GuardrailException;
import io.agent4j.guardrail.FinalAnswer;
import io.agent4j.guardrail.GuardrailEvent;
import io.agent4j.guardrail.InputGuardrail;
import io.agent4j.guardrail.OutputGuardrail;
import io.agent4j.guardrail.ToolGuardrail;
import io.agent4j.guardrail.Verdict;
import io.agent4j.memory.JdbcConversationStore;
import io.agent4j.testing.ChatServer;
import io.agent4j.testing.Images;
import io.agent4j.tool.Tool;
import io.agent4j.tool.ToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Each outcome of each guardrail stage, through a real agent against a scripted server: what the
 * model is sent, what the run returns or throws, which tools run, what is stored, and what the
 * listeners are told.
 */
class GuardrailsTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    @TempDir
    Path dir;

    /** A real tool that counts its runs. */
    public static final class Orders {
        final AtomicInteger runs = new AtomicInteger();
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());

        @Tool("Looks up an order by its id")
        public String order(String id) {
            runs.incrementAndGet();
            asked.add(id);
            return "Order " + id + ": 3 items, total 1,234.50 EUR";
        }
    }

    /** Every event of a run, in order, each with the thread it arrived on. */
    static final class Recorder implements AgentListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        private void record(String event) {
            events.add(event);
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void onRequest(int step, ChatRequest request) {
            record(step + " request");
        }

        @Override
        public void onResponse(int step, ChatResponse response) {
            record(step + " response");
        }

        @Override
        public void onToolStarted(int step, ToolCall call) {
            record(step + " started " + call.id());
        }

        @Override
        public void onToolFinished(int step, ToolCall call, ToolResult result, Duration duration) {
            record(step + " finished " + call.id() + ": " + result.content());
        }

        @Override
        public void onGuardrail(int step, GuardrailEvent event) {
            record(step + " " + event.stage().label() + " " + event.guardrail() + " " + event.verdict()
                    + event.call().map(c -> " on " + c.id()).orElse(""));
        }

        @Override
        public void onFinished(AgentResult result) {
            record("finished");
        }
    }

    private final Orders orders = new Orders();
    private final Recorder recorder = new Recorder();

    private Agent.Builder agent() {
        return Agent.builder().model(ChatServer.model(server).build()).instructions("You are terse.").tools(orders)
                .listener(recorder);
    }

    private static InputGuardrail input(String name, Function<UserMessage, Verdict> check) {
        return new InputGuardrail() {
            @Override
            public Verdict check(UserMessage message) {
                return check.apply(message);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    private static OutputGuardrail output(String name, Function<FinalAnswer, Verdict> check) {
        return new OutputGuardrail() {
            @Override
            public Verdict check(FinalAnswer answer) {
                return check.apply(answer);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    private static ToolGuardrail beforeCall(String name, Function<ToolCall, Verdict> check) {
        return new ToolGuardrail() {
            @Override
            public Verdict beforeCall(ToolCall call) {
                return check.apply(call);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    private static ToolGuardrail afterCall(String name, Function<ToolResult, Verdict> check) {
        return new ToolGuardrail() {
            @Override
            public Verdict afterCall(ToolCall call, ToolResult result) {
                return check.apply(result);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    private static String[] orderCall(String id, String order) {
        return new String[] {id, "order", "{\"id\":\"" + order + "\"}"};
    }

    private static List<String> contents(List<Message> messages) {
        return messages.stream().map(Message::content).toList();
    }

    private List<String> guardrailEvents() {
        return recorder.events.stream().filter(e -> e.matches("\\d+ (input|output|tool call|tool result) .*"))
                .toList();
    }

    // ---- input ----

    @Test
    void anInputGuardrailThatPassesLetsTheMessageThroughAsWritten() {
        script(server, answer("Hello."));

        AgentResult result = agent().inputGuardrail(input("polite", m -> Verdict.pass())).build().run("Hi there");

        assertThat(result.text()).isEqualTo("Hello.");
        assertThat(requests(server).get(0).path("messages").get(1).path("content").asString()).isEqualTo("Hi there");
        assertThat(guardrailEvents()).containsExactly("1 input polite pass");
    }

    @Test
    void anInputGuardrailThatReplacesSendsTheRewriteAndKeepsTheImages() {
        script(server, answer("A receipt."));
        ImagePart photo = ImagePart.fromBytes(Images.png(8, 8), "image/png", ImagePart.Detail.LOW);
        InputGuardrail redact = input("redact", m -> Verdict.replace(m.content().replace("4111 1111 1111 1111",
                "[card]")));

        AgentResult result = agent().inputGuardrail(redact).build()
                .run(UserMessage.of(new TextPart("My card 4111 1111 1111 1111 is on this photo"), photo));

        JsonNode content = requests(server).get(0).path("messages").get(1).path("content");
        assertThat(content.get(0).path("text").asString()).isEqualTo("My card [card] is on this photo");
        assertThat(content.get(1).path("image_url").path("url").asString()).isEqualTo(photo.url());
        assertThat(content.get(1).path("image_url").path("detail").asString()).isEqualTo("low");
        assertThat(requests(server).toString()).doesNotContain("4111");
        assertThat(result.messages().get(1)).isEqualTo(UserMessage.of(new TextPart("My card [card] is on this photo"),
                photo));
        assertThat(guardrailEvents()).containsExactly("1 input redact Replace[text=My card [card] is on this photo]");
    }

    @Test
    void anInputGuardrailThatStopsSendsNoRequest() {
        script(server, answer("never"));

        GuardrailException e = catchThrowableOfType(() -> agent()
                .inputGuardrail(input("no-secrets", m -> Verdict.stop("the message holds a private key")))
                .build().run("-----BEGIN PRIVATE KEY-----"), GuardrailException.class);

        assertThat(e.guardrail()).isEqualTo("no-secrets");
        assertThat(e.stage()).isEqualTo("input");
        assertThat(e.reason()).isEqualTo("the message holds a private key");
        assertThat(e).hasMessage("Guardrail 'no-secrets' stopped the run at the input: the message holds a private "
                + "key");
        assertThat(contents(e.transcript())).containsExactly("You are terse.");
        assertThat(requests(server)).isEmpty();
        assertThat(recorder.events).containsExactly("1 input no-secrets Stop[reason=the message holds a private key]");
    }

    @Test
    void anInputGuardrailCannotAskForARetryAndSaysWhatToReturnInstead() {
        script(server, answer("never"));

        GuardrailException e = catchThrowableOfType(() -> agent()
                .inputGuardrail(input("confused", m -> Verdict.retry("Ask differently."))).build().run("Hi"),
                GuardrailException.class);

        assertThat(e.guardrail()).isEqualTo("confused");
        assertThat(e.stage()).isEqualTo("input");
        assertThat(e.reason()).contains("cannot ask the model to retry").contains("Ask differently.")
                .contains("return Verdict.stop or Verdict.replace");
        assertThat(requests(server)).isEmpty();
    }

    @Test
    void eachInputGuardrailSeesTheMessageAsTheOnesBeforeLetItThrough() {
        script(server, answer("Done."));
        List<String> seen = new ArrayList<>();

        agent().inputGuardrail(input("rewrite", m -> Verdict.replace(m.content().replace("secret", "[hidden]"))))
                .inputGuardrail(input("look", m -> {
                    seen.add(m.content());
                    return Verdict.pass();
                })).build().run("the secret is 42");

        assertThat(seen).containsExactly("the [hidden] is 42");
        assertThat(requests(server).get(0).path("messages").get(1).path("content").asString())
                .isEqualTo("the [hidden] is 42");
    }

    // ---- input, beside the first model call ----

    @Test
    void inputGuardrailsInParallelThatPassCostOneRequest() {
        script(server, answer("Hello."));
        Set<String> checkedOn = ConcurrentHashMap.newKeySet();

        AgentResult result = agent().inputGuardrailsInParallel(true).inputGuardrail(input("polite", m -> {
            checkedOn.add(Thread.currentThread().getName());
            return Verdict.pass();
        })).build().run("Hi");

        assertThat(result.text()).isEqualTo("Hello.");
        assertThat(result.steps()).isEqualTo(1);
        assertThat(requests(server)).hasSize(1);
        assertThat(checkedOn).allMatch(name -> name.startsWith("agent4j-tool-"));
        // told on the run's thread once the check is joined, after the response it ran beside
        assertThat(recorder.events).containsExactly("1 request", "1 response", "1 input polite pass", "finished");
        assertThat(recorder.threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void anInputGuardrailInParallelThatStopsDiscardsTheAnswerAndStoresNothing() {
        script(server, answer("Here is the private key you asked about."));
        JdbcConversationStore store = JdbcConversationStore.sqlite(dir.resolve("parallel.db"));
        Agent agent = agent().store(store).inputGuardrailsInParallel(true)
                .inputGuardrail(input("no-secrets", m -> Verdict.stop("the message holds a private key"))).build();
        Conversation chat = agent.conversation("parallel-stop");

        GuardrailException e = catchThrowableOfType(() -> chat.send("-----BEGIN PRIVATE KEY-----"),
                GuardrailException.class);

        assertThat(e.guardrail()).isEqualTo("no-secrets");
        assertThat(e.stage()).isEqualTo("input");
        assertThat(requests(server)).hasSize(1);
        assertThat(contents(e.transcript())).containsExactly("You are terse.");
        assertThat(store.load("parallel-stop")).isEmpty();
        assertThat(chat.messages()).isEmpty();
        assertThat(recorder.events).doesNotContain("finished");
    }

    @Test
    void anInputGuardrailInParallelThatStopsRunsNoToolTheModelAskedFor() {
        script(server, toolCalls(orderCall("c1", "A-1")), answer("never"));

        assertThatThrownBy(() -> agent().inputGuardrailsInParallel(true)
                .inputGuardrail(input("no-orders", m -> Verdict.stop("orders are closed"))).build().run("Order A-1?"))
                .isInstanceOf(GuardrailException.class).hasMessageContaining("orders are closed");

        assertThat(orders.runs).hasValue(0);
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void anInputGuardrailInParallelThatReplacesAsksAgainWithTheRewrite() {
        script(server, answer("An answer to the original."), answer("An answer to the rewrite."));

        AgentResult result = agent().inputGuardrailsInParallel(true)
                .inputGuardrail(input("shorten", m -> Verdict.replace("Short question?"))).build()
                .run("A long question with my email jane@example.com?");

        assertThat(result.text()).isEqualTo("An answer to the rewrite.");
        List<JsonNode> sent = requests(server);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).path("messages")).hasSize(2);
        assertThat(sent.get(1).path("messages").get(1).path("content").asString()).isEqualTo("Short question?");
        assertThat(contents(result.messages())).containsExactly("You are terse.", "Short question?",
                "An answer to the rewrite.");
        assertThat(result.steps()).isEqualTo(2);
        assertThat(result.usage().totalTokens()).as("the discarded answer was paid for").isEqualTo(30);
    }

    // ---- output ----

    @Test
    void anOutputGuardrailThatPassesReturnsTheAnswer() {
        script(server, answer("Paris."));

        AgentResult result = agent().outputGuardrail(output("short", a -> Verdict.pass())).build().run("Capital?");

        assertThat(result.text()).isEqualTo("Paris.");
        assertThat(guardrailEvents()).containsExactly("1 output short pass");
    }

    @Test
    void anOutputGuardrailThatReplacesReturnsAndStoresTheRewrite() {
        script(server, answer("Write to jane@example.com."));
        JdbcConversationStore store = JdbcConversationStore.sqlite(dir.resolve("replace.db"));
        Conversation chat = agent().store(store)
                .outputGuardrail(output("redact", a -> Verdict.replace(a.text().replace("jane@example.com", "[email]"))))
                .build().conversation("replaced");

        AgentResult result = chat.send("Whom do I write to?");

        assertThat(result.text()).isEqualTo("Write to [email].");
        assertThat(result.messages().get(result.messages().size() - 1)).isEqualTo(AssistantMessage.of(
                "Write to [email]."));
        assertThat(contents(store.load("replaced"))).containsExactly("You are terse.", "Whom do I write to?",
                "Write to [email].");
    }

    @Test
    void anOutputGuardrailRetrySendsTheFeedbackAsAUserMessageAndCountsTheStep() {
        script(server, answer("A very long answer that goes on and on."), answer("Short."));

        AgentResult result = agent().outputGuardrail(output("short", a -> a.text().length() > 10
                ? Verdict.retry("Answer in at most 10 characters.") : Verdict.pass())).build().run("Tell me.");

        assertThat(result.text()).isEqualTo("Short.");
        JsonNode second = requests(server).get(1).path("messages");
        assertThat(second).hasSize(4);
        assertThat(second.get(2).path("content").asString()).isEqualTo("A very long answer that goes on and on.");
        assertThat(second.get(3).path("role").asString()).isEqualTo("user");
        assertThat(second.get(3).path("content").asString())
                .isEqualTo("Your answer was not accepted (guardrail 'short'): Answer in at most 10 characters.");
        assertThat(result.steps()).isEqualTo(2);
        assertThat(result.usage().totalTokens()).isEqualTo(30);
        assertThat(guardrailEvents()).containsExactly("1 output short Retry[feedback=Answer in at most 10 characters.]",
                "2 output short pass");
    }

    @Test
    void anOutputGuardrailThatKeepsAskingForRetriesStopsTheRunOnceTheRepairsAreUsedUp() {
        script(server, answer("Long answer one."), answer("Long answer two."), answer("Long answer three."));

        GuardrailException e = catchThrowableOfType(() -> agent()
                .outputGuardrail(output("short", a -> Verdict.retry("Shorter, please."))).build().run("Tell me."),
                GuardrailException.class);

        assertThat(requests(server)).as("the answer and its two repairs (maxRepairs 2 by default)").hasSize(3);
        assertThat(e.guardrail()).isEqualTo("short");
        assertThat(e.stage()).isEqualTo("output");
        assertThat(e.reason()).isEqualTo("the answer was still rejected after 2 repair(s): Shorter, please.");
        assertThat(contents(e.transcript())).doesNotContain("Long answer three.").contains("Long answer two.");
        assertThat(e.usage().totalTokens()).isEqualTo(45);
    }

    @Test
    void withNoRepairsAnOutputRetryStopsTheRunAtOnce() {
        script(server, answer("Long answer."));

        assertThatThrownBy(() -> agent().maxRepairs(0)
                .outputGuardrail(output("short", a -> Verdict.retry("Shorter, please."))).build().run("Tell me."))
                .isInstanceOf(GuardrailException.class)
                .hasMessageContaining("still rejected after 0 repair(s): Shorter, please.");
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void anOutputGuardrailThatStopsLeavesTheAnswerOutOfTheTranscript() {
        script(server, toolCalls(orderCall("c1", "A-1")), answer("Your card 4111 1111 1111 1111 was charged."));

        GuardrailException e = catchThrowableOfType(() -> agent()
                .outputGuardrail(output("no-cards", a -> a.text().contains("4111")
                        ? Verdict.stop("the answer holds a card number") : Verdict.pass())).build().run("Order A-1?"),
                GuardrailException.class);

        assertThat(e.stage()).isEqualTo("output");
        assertThat(e.reason()).isEqualTo("the answer holds a card number");
        assertThat(e.transcript()).hasSize(4).last().isInstanceOf(ToolMessage.class);
        assertThat(contents(e.transcript())).noneMatch(c -> c != null && c.contains("4111"));
        assertThat(recorder.events).doesNotContain("finished");
    }

    @Test
    void eachOutputGuardrailChecksTheAnswerAsTheOnesBeforeRewroteIt() {
        script(server, answer("Call 555-0134."));

        GuardrailException e = catchThrowableOfType(() -> agent()
                .outputGuardrail(output("expand", a -> Verdict.replace(a.text() + " Or write to jane@example.com.")))
                .outputGuardrail(output("no-emails", a -> a.text().contains("@")
                        ? Verdict.stop("the answer holds an email address") : Verdict.pass()))
                .build().run("Whom do I call?"), GuardrailException.class);

        assertThat(e.guardrail()).isEqualTo("no-emails");
        assertThat(guardrailEvents()).containsExactly(
                "1 output expand Replace[text=Call 555-0134. Or write to jane@example.com.]",
                "1 output no-emails Stop[reason=the answer holds an email address]");
    }

    /** A typed answer. */
    public record Total(String order, double amount) {
    }

    @Test
    void anOutputGuardrailSeesTheTypedValueOnlyOnceItMatchesTheSchema() {
        script(server, answer("{\"order\":\"A-1\"}"), answer("{\"order\":\"A-1\",\"amount\":1234.5}"));
        List<Object> seen = new ArrayList<>();

        TypedResult<Total> result = agent().outputGuardrail(output("look", a -> {
            seen.add(a.value().orElseThrow());
            return Verdict.pass();
        })).build().run("Total of A-1?", Total.class);

        assertThat(result.value()).isEqualTo(new Total("A-1", 1234.5));
        assertThat(seen).containsExactly(new Total("A-1", 1234.5));
        assertThat(guardrailEvents()).containsExactly(
                "1 output answer-schema Retry[feedback=$: required property 'amount' not found]",
                "2 output answer-schema pass",
                "2 output look pass");
    }

    @Test
    void aReplacedTypedAnswerIsCheckedAgainstItsSchemaAndBoundAgain() {
        script(server, answer("{\"order\":\"A-1\",\"amount\":1234.5}"));

        TypedResult<Total> result = agent()
                .outputGuardrail(output("round", a -> Verdict.replace("{\"order\":\"A-1\",\"amount\":1235}"))).build()
                .run("Total of A-1?", Total.class);

        assertThat(result.value()).isEqualTo(new Total("A-1", 1235));
        assertThat(result.text()).isEqualTo("{\"order\":\"A-1\",\"amount\":1235}");
    }

    @Test
    void aTypedAnswerReplacedByOneThatBreaksItsSchemaStopsTheRun() {
        script(server, answer("{\"order\":\"A-1\",\"amount\":1234.5}"));

        GuardrailException e = catchThrowableOfType(() -> agent()
                .outputGuardrail(output("sloppy", a -> Verdict.replace("{\"order\":\"A-1\"}"))).build()
                .run("Total of A-1?", Total.class), GuardrailException.class);

        assertThat(e.guardrail()).isEqualTo("sloppy");
        assertThat(e.reason()).startsWith("it replaced the answer with one that does not match the answer's schema: ")
                .contains("amount");
        assertThat(contents(e.transcript())).doesNotContain("{\"order\":\"A-1\",\"amount\":1234.5}");
    }

    @Test
    void schemaRepairsAndOutputRetriesShareTheRepairs() {
        script(server, answer("not json"), answer("{\"order\":\"A-1\",\"amount\":-1}"),
                answer("{\"order\":\"A-1\",\"amount\":-2}"));

        GuardrailException e = catchThrowableOfType(() -> agent().maxRepairs(2)
                .outputGuardrail(output("positive", a -> ((Total) a.value().orElseThrow()).amount() < 0
                        ? Verdict.retry("The amount cannot be negative.") : Verdict.pass()))
                .build().run("Total of A-1?", Total.class), GuardrailException.class);

        assertThat(requests(server)).hasSize(3);
        assertThat(e.reason()).isEqualTo("the answer was still rejected after 2 repair(s): The amount cannot be "
                + "negative.");
    }

    // ---- tool calls ----

    @Test
    void aToolCallGuardrailThatReplacesRunsTheToolWithTheNewArguments() {
        script(server, toolCalls(orderCall("c1", "a-1")), answer("Done."));

        agent().toolGuardrail(beforeCall("upper", c -> Verdict.replace(c.arguments().replace("a-1", "A-1")))).build()
                .run("Order a-1?");

        assertThat(orders.asked).containsExactly("A-1");
        JsonNode second = requests(server).get(1).path("messages");
        assertThat(second.get(2).path("tool_calls").get(0).path("function").path("arguments").asString())
                .as("the model's own call is kept as it asked").isEqualTo("{\"id\":\"a-1\"}");
        assertThat(second.get(3).path("content").asString()).isEqualTo("Order A-1: 3 items, total 1,234.50 EUR");
    }

    @Test
    void aToolCallGuardrailRetryDoesNotRunTheToolAndTellsTheModelWhy() {
        script(server, toolCalls(orderCall("c1", "A-1"), orderCall("c2", "B-2")), answer("Only A-1."));

        AgentResult result = agent().toolGuardrail(beforeCall("only-a", c -> c.arguments().contains("B-")
                ? Verdict.retry("Orders of series B are not yours; ask for series A.") : Verdict.pass())).build()
                .run("Orders A-1 and B-2?");

        assertThat(orders.asked).containsExactly("A-1");
        assertThat(result.text()).isEqualTo("Only A-1.");
        JsonNode second = requests(server).get(1).path("messages");
        assertThat(second.get(3).path("content").asString()).isEqualTo("Order A-1: 3 items, total 1,234.50 EUR");
        assertThat(second.get(4).path("tool_call_id").asString()).isEqualTo("c2");
        assertThat(second.get(4).path("content").asString()).isEqualTo("Error: the call to tool 'order' was not run "
                + "(guardrail 'only-a'): Orders of series B are not yours; ask for series A.");
    }

    @Test
    void aToolCallGuardrailThatStopsRunsNoCallOfTheStep() {
        script(server, toolCalls(orderCall("c1", "A-1"), orderCall("c2", "DROP")), answer("never"));

        GuardrailException e = catchThrowableOfType(() -> agent()
                .toolGuardrail(beforeCall("no-drops", c -> c.arguments().contains("DROP")
                        ? Verdict.stop("the model tried to drop the orders") : Verdict.pass())).build()
                .run("Clean up."), GuardrailException.class);

        assertThat(orders.runs).as("not even the call before the stopped one").hasValue(0);
        assertThat(e.guardrail()).isEqualTo("no-drops");
        assertThat(e.stage()).isEqualTo("tool call");
        assertThat(e.reason()).isEqualTo("the model tried to drop the orders");
        assertThat(requests(server)).hasSize(1);
    }

    // ---- tool results ----

    @Test
    void aToolResultGuardrailThatReplacesShowsTheModelTheRewrite() {
        script(server, toolCalls(orderCall("c1", "A-1")), answer("Done."));

        AgentResult result = agent().toolGuardrail(afterCall("no-totals", r -> Verdict.replace(
                r.content().replace("1,234.50 EUR", "[amount]")))).build().run("Order A-1?");

        assertThat(requests(server).get(1).path("messages").get(3).path("content").asString())
                .isEqualTo("Order A-1: 3 items, total [amount]");
        assertThat(result.messages().get(3)).isEqualTo(new ToolMessage("c1", "order", "Order A-1: 3 items, total "
                + "[amount]"));
        assertThat(orders.runs).hasValue(1);
    }

    @Test
    void aToolResultGuardrailRetryWithholdsTheResultAndTellsTheModelWhy() {
        script(server, toolCalls(orderCall("c1", "A-1")), answer("I cannot say."));

        AgentResult result = agent().toolGuardrail(afterCall("no-totals", r -> r.content().contains("EUR")
                ? Verdict.retry("Totals are private; ask for the items only.") : Verdict.pass())).build()
                .run("Order A-1?");

        assertThat(orders.runs).hasValue(1);
        String sent = requests(server).get(1).path("messages").get(3).path("content").asString();
        assertThat(sent).isEqualTo("Error: the result of tool 'order' was withheld (guardrail 'no-totals'): Totals "
                + "are private; ask for the items only.");
        assertThat(requests(server).toString()).doesNotContain("1,234.50");
        assertThat(contents(result.messages())).noneMatch(c -> c != null && c.contains("1,234.50"));
    }

    @Test
    void aToolResultGuardrailThatStopsEndsTheRunWithoutTheResult() {
        script(server, toolCalls(orderCall("c1", "A-1")), answer("never"));

        GuardrailException e = catchThrowableOfType(() -> agent()
                .toolGuardrail(afterCall("no-totals", r -> Verdict.stop("a total reached the tool results"))).build()
                .run("Order A-1?"), GuardrailException.class);

        assertThat(orders.runs).hasValue(1);
        assertThat(e.stage()).isEqualTo("tool result");
        assertThat(e.reason()).isEqualTo("a total reached the tool results");
        assertThat(contents(e.transcript())).noneMatch(c -> c != null && c.contains("1,234.50"));
        assertThat(requests(server)).hasSize(1);
    }

    @Test
    void aToolStopInAStoredConversationLeavesAHistoryTheNextTurnCanSend() {
        Path file = dir.resolve("tool-stop.db");
        script(server, toolCalls(orderCall("c1", "A-1"), orderCall("c2", "B-2")), answer("What else?"));
        Agent agent = agent().store(JdbcConversationStore.sqlite(file))
                .toolGuardrail(beforeCall("no-b", c -> c.arguments().contains("B-") ? Verdict.stop("series B is "
                        + "closed") : Verdict.pass())).build();
        Conversation chat = agent.conversation("tool-stop");
        assertThatThrownBy(() -> chat.send("Orders A-1 and B-2?")).isInstanceOf(GuardrailException.class);

        assertThat(chat.send("Never mind.").text()).isEqualTo("What else?");

        JsonNode sent = requests(server).get(1).path("messages");
        assertThat(sent.get(2).path("tool_calls")).hasSize(2);
        assertThat(sent.get(3).path("tool_call_id").asString()).isEqualTo("c1");
        assertThat(sent.get(4).path("tool_call_id").asString()).isEqualTo("c2");
        assertThat(sent.get(3).path("content").asString()).isEqualTo("Error: the call to tool 'order' was not run: "
                + "guardrail 'no-b' stopped the run at the tool call.");
        assertThat(sent.get(5).path("content").asString()).isEqualTo("Never mind.");
        assertThat(orders.runs).hasValue(0);
        assertThat(JdbcConversationStore.sqlite(file).load("tool-stop")).hasSize(7);
    }

    @Test
    void aResultStopAfterAnEarlierResultWasStoredAnswersEachCallOnce() {
        Path file = dir.resolve("result-stop.db");
        script(server, toolCalls(orderCall("c1", "A-1"), orderCall("c2", "B-2")), answer("What else?"));
        Agent agent = agent().store(JdbcConversationStore.sqlite(file))
                .toolGuardrail(afterCall("no-b", r -> r.content().contains("B-2") ? Verdict.stop("series B leaked")
                        : Verdict.pass())).build();
        Conversation chat = agent.conversation("result-stop");
        assertThatThrownBy(() -> chat.send("Orders A-1 and B-2?")).isInstanceOf(GuardrailException.class);

        chat.send("Never mind.");

        JsonNode sent = requests(server).get(1).path("messages");
        assertThat(sent).hasSize(6);
        assertThat(sent.get(3).path("tool_call_id").asString()).isEqualTo("c1");
        assertThat(sent.get(3).path("content").asString()).isEqualTo("Order A-1: 3 items, total 1,234.50 EUR");
        assertThat(sent.get(4).path("tool_call_id").asString()).isEqualTo("c2");
        assertThat(sent.get(4).path("content").asString()).isEqualTo("Error: the result of tool 'order' was withheld: "
                + "guardrail 'no-b' stopped the run at the tool result.");
        assertThat(sent.get(5).path("content").asString()).isEqualTo("Never mind.");
        assertThat(JdbcConversationStore.sqlite(file).load("result-stop")).hasSize(7);
    }

    /** A tool whose calls a person approves first. */
    public static final class Notes {
        final AtomicInteger writes = new AtomicInteger();

        @Tool(value = "Writes a note", approval = "writes to the notes folder")
        public String write(String name) {
            writes.incrementAndGet();
            return "wrote " + name;
        }
    }

    private Agent notesAgent(Notes notes, JdbcConversationStore store) {
        return Agent.builder().model(ChatServer.model(server).build()).tools(notes).store(store)
                .toolGuardrail(beforeCall("no-secrets", c -> c.arguments().contains("secret")
                        ? Verdict.stop("secret notes are not written") : Verdict.pass())).build();
    }

    @Test
    void aStopInAResumedStepAnswersItsCallsInTheStore() {
        script(server, toolCalls(new String[] {"w1", "write", "{\"name\":\"secret.txt\"}"}), answer("What else?"));
        Notes notes = new Notes();
        JdbcConversationStore store = JdbcConversationStore.sqlite(dir.resolve("resumed.db"));
        Agent agent = notesAgent(notes, store);
        AgentResult waiting = agent.conversation("resumed").send("Write secret.txt");
        assertThat(waiting.waiting()).isTrue();

        assertThatThrownBy(() -> agent.resume(waiting.runId(), List.of(io.agent4j.approval.Decision.approve("w1"))))
                .isInstanceOf(GuardrailException.class).hasMessageContaining("secret notes are not written");

        assertThat(notes.writes).hasValue(0);
        String stopped = "Error: the call to tool 'write' was not run: guardrail 'no-secrets' stopped the run at the "
                + "tool call.";
        assertThat(store.load("resumed")).last().isEqualTo(new ToolMessage("w1", "write", stopped));
        agent.conversation("resumed").send("Never mind.");
        assertThat(requests(server).get(1).path("messages").get(2).path("content").asString()).isEqualTo(stopped);
    }

    @Test
    void aConversationWhoseResumedRunAGuardrailStoppedCanSendAgain() {
        script(server, toolCalls(new String[] {"w1", "write", "{\"name\":\"secret.txt\"}"}), answer("What else?"));
        Notes notes = new Notes();
        Conversation chat = notesAgent(notes, JdbcConversationStore.sqlite(dir.resolve("resumed-chat.db")))
                .conversation("resumed-chat");
        assertThat(chat.send("Write secret.txt").waiting()).isTrue();
        assertThatThrownBy(() -> chat.resume(List.of(io.agent4j.approval.Decision.approve("w1"))))
                .isInstanceOf(GuardrailException.class);

        assertThat(chat.send("Never mind.").text()).isEqualTo("What else?");
        assertThat(notes.writes).hasValue(0);
    }

    @Test
    void aCallAGuardrailAnsweredIsNotCheckedAsIfItHadRun() {
        script(server, toolCalls(orderCall("c1", "B-2")), answer("OK."));
        List<String> checkedResults = new ArrayList<>();
        ToolGuardrail policy = new ToolGuardrail() {
            @Override
            public Verdict beforeCall(ToolCall call) {
                return Verdict.retry("Not series B.");
            }

            @Override
            public Verdict afterCall(ToolCall call, ToolResult result) {
                checkedResults.add(result.content());
                return Verdict.pass();
            }
        };

        agent().toolGuardrail(policy).build().run("Order B-2?");

        assertThat(orders.runs).hasValue(0);
        assertThat(checkedResults).isEmpty();
    }

    // ---- a guardrail that cannot decide ----

    @Test
    void aGuardrailThatThrowsStopsTheRunWithItsFailureAsTheCause() {
        script(server, answer("Fine."));
        IllegalStateException failure = new IllegalStateException("the moderation service is down");

        GuardrailException e = catchThrowableOfType(() -> agent().outputGuardrail(output("moderation", a -> {
            throw failure;
        })).build().run("Hi"), GuardrailException.class);

        assertThat(e.guardrail()).isEqualTo("moderation");
        assertThat(e.stage()).isEqualTo("output");
        assertThat(e.reason()).isEqualTo("the guardrail threw " + failure);
        assertThat(e).hasCause(failure);
        assertThat(contents(e.transcript())).doesNotContain("Fine.");
    }

    @Test
    void aGuardrailThatThrowsOnAToolCallRunsNoTool() {
        script(server, toolCalls(orderCall("c1", "A-1")), answer("never"));

        GuardrailException e = catchThrowableOfType(() -> agent().toolGuardrail(beforeCall("policy", c -> {
            throw new IllegalArgumentException("no policy for " + c.name());
        })).build().run("Order A-1?"), GuardrailException.class);

        assertThat(e.stage()).isEqualTo("tool call");
        assertThat(e).hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThat(orders.runs).hasValue(0);
    }

    @Test
    void aGuardrailThatReturnsNullStopsTheRun() {
        script(server, answer("never"));

        assertThatThrownBy(() -> agent().inputGuardrail(input("unfinished", m -> null)).build().run("Hi"))
                .isInstanceOf(GuardrailException.class)
                .hasMessage("Guardrail 'unfinished' stopped the run at the input: the guardrail returned null "
                        + "instead of a Verdict");
        assertThat(requests(server)).isEmpty();
    }

    @Test
    void aGuardrailThatThrowsIsToldToListenersAsTheStopItCaused() {
        script(server, answer("never"));

        assertThatThrownBy(() -> agent().inputGuardrail(input("flaky", m -> {
            throw new IllegalStateException("down");
        })).build().run("Hi")).isInstanceOf(GuardrailException.class);

        assertThat(recorder.events).containsExactly("1 input flaky Stop[reason=the guardrail threw "
                + "java.lang.IllegalStateException: down]");
    }

    @Test
    void listenersSeeEveryDecisionInOrderOnTheRunThread() {
        script(server, toolCalls(orderCall("c1", "a-1"), orderCall("c2", "B-2")), answer("A long answer."),
                answer("Short."));
        ToolGuardrail tools = new ToolGuardrail() {
            @Override
            public Verdict beforeCall(ToolCall call) {
                return call.arguments().contains("B-") ? Verdict.retry("Not series B.")
                        : Verdict.replace(call.arguments().replace("a-1", "A-1"));
            }

            @Override
            public Verdict afterCall(ToolCall call, ToolResult result) {
                return Verdict.replace(result.content().replace("1,234.50 EUR", "[amount]"));
            }

            @Override
            public String name() {
                return "orders-policy";
            }
        };

        agent().inputGuardrail(input("polite", m -> Verdict.pass())).toolGuardrail(tools)
                .outputGuardrail(output("short", a -> a.text().length() > 10 ? Verdict.retry("Shorter.")
                        : Verdict.pass())).build().run("Orders a-1 and B-2?");

        assertThat(recorder.events).containsExactly(
                "1 input polite pass",
                "1 request",
                "1 response",
                "1 tool call orders-policy Replace[text={\"id\":\"A-1\"}] on c1",
                "1 tool call orders-policy Retry[feedback=Not series B.] on c2",
                "1 started c1",
                "1 started c2",
                "1 tool result orders-policy Replace[text=Order A-1: 3 items, total [amount]] on c1",
                "1 finished c1: Order A-1: 3 items, total [amount]",
                "1 finished c2: Error: the call to tool 'order' was not run (guardrail 'orders-policy'): Not series B.",
                "2 request",
                "2 response",
                "2 output short Retry[feedback=Shorter.]",
                "3 request",
                "3 response",
                "3 output short pass",
                "finished");
        assertThat(recorder.threads).containsExactly(Thread.currentThread().getName());
    }

    // ---- stored conversations ----

    @Test
    void anOutputStopInAStoredConversationKeepsNothingOfTheAnswerAndEndsTheTurn() {
        Path file = dir.resolve("stopped.db");
        script(server, toolCalls(orderCall("c1", "A-1")), answer("Card 4111 1111 1111 1111 was charged."),
                answer("I can help with that."));
        Agent agent = agent().store(JdbcConversationStore.sqlite(file))
                .outputGuardrail(output("no-cards", a -> a.text().contains("4111")
                        ? Verdict.stop("the answer holds a card number") : Verdict.pass())).build();
        Conversation chat = agent.conversation("stopped");

        assertThatThrownBy(() -> chat.send("Order A-1?")).isInstanceOf(GuardrailException.class);

        List<Message> stored = JdbcConversationStore.sqlite(file).load("stopped");
        assertThat(contents(stored)).containsExactly("You are terse.", "Order A-1?", null,
                "Order A-1: 3 items, total 1,234.50 EUR");
        assertThat(chat.messages()).isEqualTo(stored);
        // the turn was ended: another writer may go on at once, and this one too
        Conversation other = agent.conversation("stopped");
        assertThat(other.send("Can you help?").text()).isEqualTo("I can help with that.");
        assertThat(requests(server).get(2).toString()).doesNotContain("4111");
        assertThat(contents(JdbcConversationStore.sqlite(file).load("stopped"))).hasSize(6)
                .endsWith("Can you help?", "I can help with that.");
    }
}
