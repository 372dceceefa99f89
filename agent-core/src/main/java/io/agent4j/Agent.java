package io.agent4j;

import io.agent4j.answer.AnswerType;
import io.agent4j.answer.TypeRef;
import io.agent4j.approval.ApprovalPolicy;
import io.agent4j.approval.Decision;
import io.agent4j.chat.Cancellation;
import io.agent4j.chat.ChatModel;
import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.Message;
import io.agent4j.chat.UserMessage;
import io.agent4j.errors.Agent4jException;
import io.agent4j.errors.CancelledException;
import io.agent4j.errors.ConcurrentConversationException;
import io.agent4j.errors.ResumeRefusedException;
import io.agent4j.errors.InvalidAnswerException;
import io.agent4j.errors.MaxStepsExceededException;
import io.agent4j.errors.RefusalException;
import io.agent4j.guardrail.InputGuardrail;
import io.agent4j.guardrail.OutputGuardrail;
import io.agent4j.guardrail.ToolGuardrail;
import io.agent4j.memory.ChatMemory;
import io.agent4j.memory.ConversationStore;
import io.agent4j.memory.InMemoryConversationStore;
import io.agent4j.memory.RunRecord;
import io.agent4j.tool.ToolSource;
import io.agent4j.tool.Toolbox;
import io.agent4j.usage.Budget;
import io.agent4j.usage.PriceTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A function-calling agent: it sends the conversation and its tools to a {@link ChatModel}, runs the
 * tool calls that come back, appends their results and repeats until the model answers in text.
 *
 * <pre>{@code
 * Agent agent = Agent.builder()
 *         .model(OpenAiChatModel.fromEnv())
 *         .instructions("You are a concise assistant.")
 *         .tools(new Weather())
 *         .build();
 * String answer = agent.run("Do I need an umbrella in Seoul today?").text();
 * }</pre>
 *
 * An agent is immutable and safe to share between threads; each run has its own transcript. An
 * agent given {@link ToolSource}s (such as an MCP server's tools) holds them until it is
 * {@link #close() closed}.
 */
public final class Agent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    final ChatModel model;
    final String instructions;
    /** The tools given as objects, classes, packs and specs: fixed for the agent's life. */
    final Toolbox toolbox;
    /** The tools that may change, asked for before every model call. */
    final List<ToolSource> sources;
    final boolean strictTools;
    /** What the sources gave last and the toolbox made of it, shared with the agent's variants. */
    private final AtomicReference<CurrentTools> current;
    private final AtomicBoolean closed;
    final int maxSteps;
    final List<AgentListener> listeners;
    final List<AgentInterceptor> interceptors;
    final String name;
    final ExecutorService executor;
    final Duration toolTimeout;
    final int maxToolResultLength;
    final int maxRepeatedCalls;
    final ChatOptions options;
    final ChatMemory memory;
    final ConversationStore store;
    final PriceTable prices;
    final int maxRepairs;
    final Guards guards;
    final Budget budget;
    final Budget conversationBudget;
    final ApprovalPolicy approvals;
    final Map<String, String> runLabels;
    final boolean durableRuns;
    /** Which tools are fast enough that their calls run on the run's thread, one after another. */
    final ToolSpeeds toolSpeeds;

    private Agent(Builder builder) {
        this.model = builder.model;
        this.instructions = builder.instructions;
        this.toolbox = builder.strictTools ? builder.toolbox : builder.toolbox.lenient();
        this.sources = List.copyOf(builder.sources);
        this.strictTools = builder.strictTools;
        this.current = new AtomicReference<>();
        this.closed = new AtomicBoolean();
        this.toolSpeeds = new ToolSpeeds();
        this.maxSteps = builder.maxSteps;
        this.listeners = List.copyOf(builder.listeners);
        this.interceptors = List.copyOf(builder.interceptors);
        this.name = builder.name;
        this.executor = builder.executor;
        this.toolTimeout = builder.toolTimeout;
        this.maxToolResultLength = builder.maxToolResultLength;
        this.maxRepeatedCalls = builder.maxRepeatedCalls;
        this.options = builder.options;
        this.memory = builder.memory;
        this.store = builder.store;
        this.prices = builder.prices;
        this.maxRepairs = builder.maxRepairs;
        this.guards = new Guards(builder.inputGuardrails, builder.outputGuardrails, builder.toolGuardrails,
                builder.inputGuardrailsInParallel);
        this.budget = builder.budget;
        this.conversationBudget = builder.conversationBudget;
        this.approvals = builder.approvals;
        this.runLabels = Map.copyOf(builder.runLabels);
        this.durableRuns = builder.durableRuns;
    }

    private Agent(Agent agent, ChatOptions options) {
        this.model = agent.model;
        this.instructions = agent.instructions;
        this.toolbox = agent.toolbox;
        this.sources = agent.sources;
        this.strictTools = agent.strictTools;
        this.current = agent.current;
        this.closed = agent.closed;
        this.toolSpeeds = agent.toolSpeeds;
        this.maxSteps = agent.maxSteps;
        this.listeners = agent.listeners;
        this.interceptors = agent.interceptors;
        this.name = agent.name;
        this.executor = agent.executor;
        this.toolTimeout = agent.toolTimeout;
        this.maxToolResultLength = agent.maxToolResultLength;
        this.maxRepeatedCalls = agent.maxRepeatedCalls;
        this.options = options;
        this.memory = agent.memory;
        this.store = agent.store;
        this.prices = agent.prices;
        this.maxRepairs = agent.maxRepairs;
        this.guards = agent.guards;
        this.budget = agent.budget;
        this.conversationBudget = agent.conversationBudget;
        this.approvals = agent.approvals;
        this.runLabels = agent.runLabels;
        this.durableRuns = agent.durableRuns;
    }

    /**
     * This agent with some request options overridden, for one run or a family of them; the
     * agent itself is unchanged. {@code agent.withOptions(ChatOptions.builder().temperature(0.0).build()).run(...)}
     */
    public Agent withOptions(ChatOptions overrides) {
        return new Agent(this, options.withOverrides(overrides));
    }

    /** The agent's system message ({@link Builder#instructions}), or null when it has none. */
    public String instructions() {
        return instructions;
    }

    /** The agent's name ({@link Builder#name}), or null. */
    public String name() {
        return name;
    }

    /** A builder; only {@link Builder#model} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The tools this agent offers the model now: its own, then those of each {@link ToolSource} as
     * they are at this moment, in the order they were given (asking may start a source, such as an
     * MCP server).
     *
     * @throws Agent4jException when a source cannot give its tools
     */
    public Toolbox toolbox() {
        if (sources.isEmpty()) {
            return toolbox;
        }
        List<Toolbox> given = new ArrayList<>(sources.size());
        Set<String> taken = toolbox.names();
        for (ToolSource source : sources) {
            Toolbox tools = source.tools(taken);
            given.add(tools);
            Set<String> more = new HashSet<>(taken);
            more.addAll(tools.names());
            taken = more;
        }
        CurrentTools last = current.get();
        if (last != null && last.isFrom(given)) {
            return last.toolbox();
        }
        Toolbox all = toolbox;
        for (Toolbox tools : given) {
            all = all.with(strictTools ? tools : tools.lenient());
        }
        current.set(new CurrentTools(List.copyOf(given), all));
        return all;
    }

    /** The toolboxes the sources gave (compared by identity) and the agent's whole toolbox made of them. */
    private record CurrentTools(List<Toolbox> given, Toolbox toolbox) {

        boolean isFrom(List<Toolbox> others) {
            if (others.size() != given.size()) {
                return false;
            }
            for (int i = 0; i < given.size(); i++) {
                if (others.get(i) != given.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Closes the {@link ToolSource}s given to the builder (an MCP server's process or connection), once,
     * even when one of them fails; the model, the store and the executor are the caller's and stay
     * open. An agent without sources has nothing to close. Variants made by {@link #withOptions}
     * share the sources: closing one closes them for all.
     *
     * @throws RuntimeException the first failure of a source to close, the others suppressed in it
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        for (ToolSource source : sources) {
            try {
                source.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Runs the loop for one prompt, starting a fresh conversation.
     *
     * @throws MaxStepsExceededException when the model is still calling tools after {@code maxSteps}
     * @throws Agent4jException when the model cannot be reached or refuses the request
     */
    public AgentResult run(String prompt) {
        return run(new UserMessage(Objects.requireNonNull(prompt, "prompt")));
    }

    /**
     * Runs the loop for one user message, such as a question with images
     * ({@code UserMessage.of(new TextPart("What is in this picture?"), ImagePart.fromFile(photo))}).
     *
     * @throws MaxStepsExceededException when the model is still calling tools after {@code maxSteps}
     * @throws Agent4jException when the model cannot be reached or refuses the request
     */
    public AgentResult run(UserMessage message) {
        return oneOff(null, Cancellation.NEVER, null).run(Objects.requireNonNull(message, "message"));
    }

    /**
     * Runs the loop for one prompt and returns the final answer as a value of {@code type}: the model
     * is asked for JSON of the type's schema (it may call tools first), and its answer is parsed,
     * validated and bound; when it is not good, the model is told what is wrong and asked again, up
     * to {@link Builder#maxRepairs} times.
     *
     * <pre>{@code
     * Invoice invoice = agent.run("Extract the invoice in invoice.txt.", Invoice.class).value();
     * }</pre>
     *
     * @throws InvalidAnswerException when the answer is still not good after the repairs
     * @throws RefusalException when the model refuses to answer
     * @throws io.agent4j.errors.ToolRegistrationException when the type can have no schema
     */
    public <T> TypedResult<T> run(String prompt, Class<T> type) {
        return run(new UserMessage(Objects.requireNonNull(prompt, "prompt")), AnswerType.of(type));
    }

    /**
     * Runs like {@link #run(String, Class)} for a generic type:
     * {@code agent.run(prompt, new TypeRef<List<Item>>() {})}.
     */
    public <T> TypedResult<T> run(String prompt, TypeRef<T> type) {
        return run(new UserMessage(Objects.requireNonNull(prompt, "prompt")), AnswerType.of(type));
    }

    /** Runs like {@link #run(String, Class)} with an answer type made ahead, or a JSON schema ({@link AnswerType#ofSchema}). */
    public <T> TypedResult<T> run(String prompt, AnswerType<T> type) {
        return run(new UserMessage(Objects.requireNonNull(prompt, "prompt")), type);
    }

    /** Runs like {@link #run(String, Class)} for a user message of parts, such as a photo of a receipt. */
    public <T> TypedResult<T> run(UserMessage message, AnswerType<T> type) {
        return typed(oneOff(null, Cancellation.NEVER, Objects.requireNonNull(type, "type")),
                Objects.requireNonNull(message, "message"));
    }

    /**
     * Streams like {@link #stream(String, StreamHandler)} and returns a typed answer like
     * {@link #run(String, Class)}: the answer's JSON reaches {@code handler} as it arrives, its value
     * comes once it is checked.
     */
    public <T> TypedResult<T> stream(String prompt, AnswerType<T> type, StreamHandler handler) {
        return stream(new UserMessage(Objects.requireNonNull(prompt, "prompt")), type, handler, Cancellation.NEVER);
    }

    /** Streams a typed answer like {@link #stream(String, AnswerType, StreamHandler)}; {@code cancellation} stops the run. */
    public <T> TypedResult<T> stream(UserMessage message, AnswerType<T> type, StreamHandler handler,
            Cancellation cancellation) {
        return typed(oneOff(Objects.requireNonNull(handler, "handler"), Objects.requireNonNull(cancellation,
                "cancellation"), Objects.requireNonNull(type, "type")), Objects.requireNonNull(message, "message"));
    }

    /**
     * The loop of a one-off run: stored step by step under its run id when the agent's runs are
     * {@link Builder#durableRuns durable}, else only if it comes to wait for approval.
     */
    private AgentLoop oneOff(StreamHandler handler, Cancellation cancellation, AnswerType<?> type) {
        String id = runId();
        AgentLoop.Persist persist = durableRuns ? new StoreWriter(store, id, id, 0) : null;
        return new AgentLoop(this, List.of(), id, id, handler, cancellation, persist, type, null);
    }

    static <T> TypedResult<T> typed(AgentLoop loop, UserMessage message) {
        return loop.typed(loop.run(message));
    }

    /**
     * Runs the loop like {@link #run(String)}, streaming: the model's text reaches
     * {@code handler} as it arrives, with every step's events.
     */
    public AgentResult stream(String prompt, StreamHandler handler) {
        return stream(prompt, handler, Cancellation.NEVER);
    }

    /**
     * Streams like {@link #stream(String, StreamHandler)}; {@code cancellation} stops the run from
     * another thread, aborting the model call in flight and interrupting running tools.
     *
     * @throws CancelledException when cancelled
     */
    public AgentResult stream(String prompt, StreamHandler handler, Cancellation cancellation) {
        return stream(new UserMessage(Objects.requireNonNull(prompt, "prompt")), handler, cancellation);
    }

    /** Streams like {@link #stream(String, StreamHandler, Cancellation)} for a user message of parts. */
    public AgentResult stream(UserMessage message, StreamHandler handler, Cancellation cancellation) {
        return oneOff(Objects.requireNonNull(handler, "handler"), Objects.requireNonNull(cancellation, "cancellation"),
                null).run(Objects.requireNonNull(message, "message"));
    }

    /**
     * The id of a one-off run, which tools see as {@link io.agent4j.tool.ToolContext#conversationId()}:
     * random version-4 UUID form, but from {@link ThreadLocalRandom}, since it names nothing stored
     * and guards nothing; {@link java.security.SecureRandom} would serialise concurrent runs on its lock.
     */
    private static String runId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** A new multi-turn conversation with a fresh id, kept in this agent's store. */
    public Conversation conversation() {
        return conversation(UUID.randomUUID().toString());
    }

    /**
     * The conversation with this id: resumed from this agent's store when it is there (repaired if
     * it holds an orphaned tool message or an unanswered call), new otherwise.
     */
    public Conversation conversation(String id) {
        return new Conversation(this, Objects.requireNonNull(id, "id"));
    }

    AgentLoop loop(List<Message> history, String conversationId, StreamHandler handler, Cancellation cancellation,
            AgentLoop.Persist persist, AnswerType<?> answer, Budgets.Spent spent) {
        return new AgentLoop(this, history, conversationId, UUID.randomUUID().toString(), handler, cancellation, persist,
                answer, spent);
    }

    /**
     * Continues a run that waits for approval ({@link AgentResult#waiting()}), in this process or
     * another that shares the agent's store: the calls of its waiting step run, except those
     * rejected, which the model is told were rejected and why; then the loop goes on. The agent must
     * have the tools the run used. Every pending call needs exactly one decision.
     *
     * @throws ResumeRefusedException when the store holds no such run, it is not waiting, the
     *     decisions do not answer exactly its pending calls, or its conversation went on without it
     *     (another turn was written since it waited); nothing ran then
     * @throws ConcurrentConversationException when it is being resumed at the same time elsewhere
     */
    public AgentResult resume(String runId, List<Decision> decisions) {
        Objects.requireNonNull(decisions, "decisions");
        return resumed(runId, decisions, null, null, new AgentLoop[1]);
    }

    /**
     * Continues a run whose process died (or whose run failed) from its last stored step. A call of
     * that step without a stored result is run again only when its tool is idempotent
     * ({@code @Tool(idempotent = true)}) and, if the call needs approval, a person approved it; the
     * model is told the outcome of any other is unknown.
     *
     * @throws ResumeRefusedException when the store holds no such run, it waits for decisions, it
     *     completed, or its conversation went on without it (a later turn took the dead process's turn
     *     over)
     * @throws ConcurrentConversationException when its process still holds it (its turn's lease has
     *     not run out), or it is being resumed at the same time elsewhere
     */
    public AgentResult resume(String runId) {
        return resumed(runId, List.of(), null, null, new AgentLoop[1]);
    }

    /** Resumes like {@link #resume(String, List)} a run whose answer is typed, checking the answer as {@link #run(String, Class)}. */
    public <T> TypedResult<T> resume(String runId, List<Decision> decisions, AnswerType<T> type) {
        Objects.requireNonNull(decisions, "decisions");
        Objects.requireNonNull(type, "type");
        AgentLoop[] loop = new AgentLoop[1];
        AgentResult result = resumed(runId, decisions, type, null, loop);
        return loop[0].typed(result);
    }

    /** Resumes a run of a {@link Conversation} object, held to the conversation's budget with what it spent. */
    AgentResult resumeInConversation(String runId, List<Decision> decisions, Budgets.Spent spent) {
        return resumed(runId, Objects.requireNonNull(decisions, "decisions"), null, spent, new AgentLoop[1]);
    }

    /**
     * Takes a stored run over and continues it; {@code loop[0]} is its loop, for a typed answer's
     * value. {@code spent} is what the run's conversation spent before, for the conversation's budget;
     * null holds the run to its own budget only.
     */
    private AgentResult resumed(String runId, List<Decision> decisions, AnswerType<?> type, Budgets.Spent spent,
            AgentLoop[] loop) {
        Objects.requireNonNull(runId, "runId");
        if (!store.keepsRuns()) {
            throw new ResumeRefusedException(runId, "the agent's store (" + store.getClass().getName()
                    + ") keeps no runs");
        }
        RunRecord run = store.run(runId).orElseThrow(() -> new ResumeRefusedException(runId, "the agent's store "
                + "holds no run of that id; give the agent the store the run was stored in"));
        Set<RunRecord.Status> expected = Approvals.check(run, decisions);
        List<Message> messages = store.load(run.conversationId());
        String writer = UUID.randomUUID().toString();
        RunRecord before = store.claim(runId, writer, messages.size(), expected, decisions);
        if (!expected.contains(before.status())) {
            throw new ResumeRefusedException(runId, "it is " + before.status().name().toLowerCase()
                    + " now: it was resumed elsewhere" + (before.status() == RunRecord.Status.RUNNING
                            ? " (if the process that resumed it died, resume(runId) without decisions continues it)"
                            : ""));
        }
        // the run goes on as it began: its request options over this agent's
        Agent resuming = before.options().equals(ChatOptions.NONE) ? this
                : new Agent(this, options.withOverrides(before.options()));
        loop[0] = new AgentLoop(resuming, messages, run.conversationId(), runId, null, Cancellation.NEVER,
                new StoreWriter(store, run.conversationId(), writer, messages.size()), type, spent);
        return loop[0].resume(before, decisions);
    }

    void notify(StreamHandler handler, java.util.function.Consumer<AgentListener> event) {
        if (handler != null) {
            deliver(handler, event);
        }
        for (AgentListener listener : listeners) {
            deliver(listener, event);
        }
    }

    private static void deliver(AgentListener listener, java.util.function.Consumer<AgentListener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            log.warn("Agent listener {} threw; ignoring it", listener, e);
        }
    }

    /** Whether the agent runs its tools on agent4j's default executor, not one the application gave. */
    boolean onDefaultExecutor() {
        return executor == ToolThreads.shared();
    }

    @Override
    public String toString() {
        return "Agent[model=" + model + ", tools=" + toolbox.names() + (sources.isEmpty() ? "" : ", sources="
                + sources) + ", maxSteps=" + maxSteps + "]";
    }

    /** Configures an {@link Agent}; {@link #build()} checks the settings. Not thread-safe. */
    public static final class Builder {

        private ChatModel model;
        private String instructions;
        private Toolbox toolbox = Toolbox.empty();
        private final List<ToolSource> sources = new ArrayList<>();
        private int maxSteps = 10;
        private final List<AgentListener> listeners = new ArrayList<>();
        private final List<AgentInterceptor> interceptors = new ArrayList<>();
        private String name;
        private ExecutorService executor = ToolThreads.shared();
        private boolean strictTools = true;
        private Duration toolTimeout = Duration.ofSeconds(60);
        private int maxToolResultLength = 20_000;
        private int maxRepeatedCalls = 3;
        private ChatOptions options = ChatOptions.NONE;
        private ChatMemory memory = ChatMemory.all();
        private ConversationStore store = new InMemoryConversationStore();
        private PriceTable prices = PriceTable.standard();
        private int maxRepairs = 2;
        private final List<InputGuardrail> inputGuardrails = new ArrayList<>();
        private final List<OutputGuardrail> outputGuardrails = new ArrayList<>();
        private final List<ToolGuardrail> toolGuardrails = new ArrayList<>();
        private boolean inputGuardrailsInParallel;
        private Budget budget = Budget.NONE;
        private Budget conversationBudget = Budget.NONE;
        private ApprovalPolicy approvals = ApprovalPolicy.declared();
        private final Map<String, String> runLabels = new java.util.LinkedHashMap<>();
        private boolean durableRuns;

        private Builder() {
        }

        /** The model to talk to. Required. */
        public Builder model(ChatModel model) {
            this.model = model;
            return this;
        }

        /** The system message that starts every conversation; none by default. */
        public Builder instructions(String instructions) {
            this.instructions = instructions;
            return this;
        }

        /**
         * Adds the {@link io.agent4j.tool.Tool} methods of these objects; see {@link Toolbox#of} for
         * what a {@link Class}, a {@link Toolbox} or a {@link io.agent4j.tool.ToolSpec} contributes. A
         * {@link ToolSource} (such as an MCP server's tools) is asked for its tools before every model
         * call, after the other tools, and closed with the agent; a source given twice is asked once.
         */
        public Builder tools(Object... targets) {
            List<Object> fixed = new ArrayList<>(targets.length);
            for (Object target : targets) {
                if (target instanceof ToolSource source) {
                    if (sources.stream().noneMatch(known -> known == source)) {
                        sources.add(source);
                    }
                } else {
                    fixed.add(target);
                }
            }
            if (fixed.size() > 0 || targets.length == 0) {
                this.toolbox = toolbox.with(Toolbox.of(fixed.toArray()));
            }
            return this;
        }

        /** Adds the tools of classes found by scanning these packages; see {@link Toolbox#scan}. */
        public Builder toolsFrom(String... packages) {
            this.toolbox = toolbox.with(Toolbox.scan(packages));
            return this;
        }

        /** The most model calls one run may make; 10 by default. */
        public Builder maxSteps(int maxSteps) {
            this.maxSteps = maxSteps;
            return this;
        }

        /**
         * Request options for every run of this agent (the model's own defaults apply where these
         * set nothing); see {@link Agent#withOptions} to override them for one run.
         */
        public Builder options(ChatOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * What the model sees of the past: {@link ChatMemory#all()} by default; for long
         * conversations {@link ChatMemory#tokenWindow(String, int)}.
         */
        public Builder memory(ChatMemory memory) {
            this.memory = Objects.requireNonNull(memory, "memory");
            return this;
        }

        /**
         * Where {@link Agent#conversation() conversations} are kept; this agent's own memory by
         * default, a {@link io.agent4j.memory.JdbcConversationStore} to survive restarts.
         */
        public Builder store(ConversationStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The prices that turn usage into {@link AgentResult#cost()}; {@link PriceTable#standard()} by default. */
        public Builder prices(PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices");
            return this;
        }

        /** Adds a listener that sees every step. */
        public Builder listener(AgentListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds an interceptor that wraps each run, model call and tool call, and that sees every
         * step as a listener too; the first added is the outermost.
         */
        public Builder interceptor(AgentInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            listeners.add(interceptor);
            return this;
        }

        /** The agent's name, for traces ({@code invoke_agent NAME}) and logs; none by default. Not blank. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Where tool calls run, except those of {@code @Tool(inline = true)} tools, which run on the
         * agent's own thread. By default, an executor shared by all agents: on Java 21 and later a
         * virtual thread per call (at most 10,000 running at once), before 21 a pool of up to 64
         * daemon threads with up to 1,000 calls waiting for one; a call it cannot take is refused and
         * the model told so. With that default, a step's first call runs on the agent's own thread
         * when its tool has no timeout of its own (and the step no inline call), interrupted at
         * {@link #toolTimeout}: one hand-over fewer; so do all the calls of such a tool whose last 8
         * calls each took under a millisecond, one after another. With an executor given here, every
         * other call runs on it. A call that outlives its timeout is interrupted through this service; a tool
         * that ignores the interruption keeps its thread until it returns. Give a pool here for tools
         * that must not run on virtual threads (on Java 21 to 23, a tool that blocks inside
         * {@code synchronized} holds the virtual thread's carrier while it waits).
         */
        public Builder executor(ExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Whether tools are offered in OpenAI's strict mode (the default; tools declared with
         * {@code @Tool(strict = false)} never are). Turn off for servers that reject strict schemas.
         */
        public Builder strictTools(boolean strictTools) {
            this.strictTools = strictTools;
            return this;
        }

        /**
         * How long a tool call may run before it is abandoned and the model told so, unless the tool
         * declares its own {@code timeoutMillis}; 60 s by default, {@link Duration#ZERO} for no limit. A
         * call on the agent's own thread (see {@link #executor}) is interrupted at this limit instead,
         * and the model told it did not finish.
         */
        public Builder toolTimeout(Duration toolTimeout) {
            this.toolTimeout = Objects.requireNonNull(toolTimeout, "toolTimeout");
            return this;
        }

        /** The most characters of one tool result sent to the model; longer ones are cut and say so. 20,000 by default. */
        public Builder maxToolResultLength(int maxToolResultLength) {
            this.maxToolResultLength = maxToolResultLength;
            return this;
        }

        /**
         * How often the model may make the identical call (same tool, same arguments) in one run
         * before it is refused instead of run again; 3 by default.
         */
        public Builder maxRepeatedCalls(int maxRepeatedCalls) {
            this.maxRepeatedCalls = maxRepeatedCalls;
            return this;
        }

        /**
         * How often the model is asked to repair a final answer that was rejected, because a typed
         * answer did not parse, validate or bind, or because an output guardrail asked for a retry;
         * 2 by default, 0 for none. Each repair is a model call, counted in the run's steps and usage.
         */
        public Builder maxRepairs(int maxRepairs) {
            this.maxRepairs = maxRepairs;
            return this;
        }

        /**
         * Adds a guardrail on the user's message of each turn; guardrails run in the order they were
         * added, each seeing the message as the ones before let it through.
         */
        public Builder inputGuardrail(InputGuardrail guardrail) {
            inputGuardrails.add(Objects.requireNonNull(guardrail, "guardrail"));
            return this;
        }

        /**
         * Adds a guardrail on the final answer, text or typed; guardrails run in the order they were
         * added, each seeing the answer as the ones before rewrote it, until one asks for a retry or stops.
         */
        public Builder outputGuardrail(OutputGuardrail guardrail) {
            outputGuardrails.add(Objects.requireNonNull(guardrail, "guardrail"));
            return this;
        }

        /** Adds a guardrail on tool calls and their results; they run in the order they were added. */
        public Builder toolGuardrail(ToolGuardrail guardrail) {
            toolGuardrails.add(Objects.requireNonNull(guardrail, "guardrail"));
            return this;
        }

        /**
         * Whether the input guardrails of a turn run beside its first model call (on the executor)
         * instead of before it; false by default. The turn is faster when they pass; when one stops
         * the run, the model's answer is thrown away (its tokens are still paid for), and when one
         * rewrites the message, the model is asked again with the rewrite.
         */
        public Builder inputGuardrailsInParallel(boolean inParallel) {
            this.inputGuardrailsInParallel = inParallel;
            return this;
        }

        /**
         * The most one run may spend (cost, tokens, wall time, tool calls); {@link Budget#NONE} by
         * default. A run that reaches a limit stops with {@link io.agent4j.errors.BudgetExceededException}.
         */
        public Builder budget(Budget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /**
         * The most all the sends of one {@link Conversation} object may spend together, beside each
         * run's own {@link #budget}; {@link Budget#NONE} by default.
         */
        public Builder conversationBudget(Budget budget) {
            this.conversationBudget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /**
         * Which tool calls need a person's approval before they run: {@link ApprovalPolicy#declared()}
         * by default, the calls whose tool declares it ({@code @Tool(approval = ...)},
         * {@code ToolSpec.withApproval}). A run that reaches such a call waits: see {@link AgentResult#waiting()}.
         */
        public Builder approvalPolicy(ApprovalPolicy policy) {
            this.approvals = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Adds labels kept with every run's state in the store, such as what is needed to make the agent
         * again to resume the run in another process; listed by {@link ConversationStore#runs}.
         */
        public Builder runLabels(Map<String, String> labels) {
            labels.forEach((key, value) -> runLabels.put(Objects.requireNonNull(key, "key"),
                    Objects.requireNonNull(value, "value")));
            return this;
        }

        /**
         * Whether one-off runs ({@link Agent#run(String)}, {@link Agent#stream(String, StreamHandler)})
         * are stored step by step in the agent's store under their run id, as a conversation's are,
         * so that {@link Agent#resume(String)} continues one whose process died; false by default, when
         * a one-off run is stored only if it comes to wait for approval. Meant for a
         * {@link io.agent4j.memory.JdbcConversationStore}: an in-memory store keeps every run.
         */
        public Builder durableRuns(boolean durable) {
            this.durableRuns = durable;
            return this;
        }

        /**
         * Creates the agent.
         *
         * @throws IllegalArgumentException naming the setting that is missing or out of range
         */
        public Agent build() {
            if (model == null) {
                throw new IllegalArgumentException("Agent.builder() needs a model: call "
                        + ".model(OpenAiChatModel.fromEnv()) or another ChatModel.");
            }
            check(name == null || !name.isBlank(), "name must not be blank");
            check(maxSteps >= 1, "maxSteps must be at least 1, was " + maxSteps);
            check(!toolTimeout.isNegative(), "toolTimeout must be 0 (no limit) or positive, was " + toolTimeout);
            check(maxToolResultLength >= 100, "maxToolResultLength must be at least 100, was " + maxToolResultLength);
            check(maxRepairs >= 0, "maxRepairs must be 0 or more, was " + maxRepairs);
            check(maxRepeatedCalls >= 1, "maxRepeatedCalls must be at least 1, was " + maxRepeatedCalls);
            return new Agent(this);
        }

        private static void check(boolean valid, String problem) {
            if (!valid) {
                throw new IllegalArgumentException(problem);
            }
        }
    }
}
