package io.agent4j.examples.cli;

import io.agent4j.Agent;
import io.agent4j.chat.ChatModel;
import io.agent4j.chat.ChatOptions;
import io.agent4j.chat.ChatRequest;
import io.agent4j.chat.ResponseFormat;
import io.agent4j.chat.StructuredOutput;
import io.agent4j.chat.ToolChoice;
import io.agent4j.chat.UserMessage;
import io.agent4j.examples.Example;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.chat.Retry;
import io.agent4j.tool.ToolPack;
import io.agent4j.tool.Toolbox;
import io.agent4j.usage.Budget;
import io.agent4j.usage.PriceTable;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that make an agent, shared by {@code run} and {@code chat}: the example, the ready
 * packs, the model (endpoint, key, name, or a recording), the step limit, the prices and how much
 * is printed on stderr. The tools of {@code --tools} jars come from {@link ToolOptions}.
 */
final class AgentOptions {

    /**
     * The system message of an agent made of packs and {@code --tools} jars alone, without
     * {@code --instructions}; docs/cli.md quotes it.
     */
    static final String GENERIC_INSTRUCTIONS = "You are a helpful assistant. Use the tools you are "
            + "given whenever they help answer exactly, and answer concisely.";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--example", paramLabel = "NAME",
            description = "Use an example agent, with its instructions and tools (see 'agent4j examples').")
    private String example;

    @Option(names = "--packs", paramLabel = "NAME", split = ",",
            description = "Add the tools of these ready tool packs from the class path (see 'agent4j tools'); "
                    + "repeatable. Without --example, the agent has only the tools of --packs and --tools.")
    private List<String> packs = new ArrayList<>();

    @Option(names = "--base-url", paramLabel = "URL",
            description = "An OpenAI-compatible endpoint; default $OPENAI_BASE_URL, else base-url in "
                    + "~/.agent4j/config.properties, else https://api.openai.com/v1.")
    private String baseUrl;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "The API key; default $OPENAI_API_KEY, else api-key in ~/.agent4j/config.properties "
                    + "(both safer: arguments are visible to other users of the machine).")
    private String apiKey;

    @Option(names = "--model", paramLabel = "M",
            description = "The model name; default $AGENT4J_MODEL, else model in ~/.agent4j/config.properties, "
                    + "else gpt-4o-mini.")
    private String model;

    @ArgGroup(exclusive = true)
    private InstructionsOptions instructions;

    @ArgGroup(exclusive = true)
    private Recording recording;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "The most one attempt of a model call may take, streaming included; each retry gets as "
                    + "much again: 30s, 500ms, 2m (a plain number is "
                    + "seconds, 0 no limit); default " + Settings.DEFAULT_TIMEOUT + ".")
    private Duration timeout;

    @Option(names = "--read-timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "The longest the server may stay silent: before its answer starts, and between two "
                    + "pieces of a streamed answer; same format as --timeout; default " + Settings.DEFAULT_READ_TIMEOUT
                    + ".")
    private Duration readTimeout;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "10",
            description = "The most model calls one answer may take; default ${DEFAULT-VALUE}.")
    private int maxSteps;

    @Option(names = "--no-stream",
            description = "Ask for each answer whole instead of streamed, for servers that cannot stream; the "
                    + "answer is printed once it is complete.")
    private boolean noStream;

    @Option(names = "--tool-choice", paramLabel = "auto|none|required|NAME",
            description = "Whether the model must call a tool: auto (it decides, the default), none, required "
                    + "(at least one each step), or the NAME of one tool it must call.")
    private String toolChoice;

    @Option(names = "--parallel-tool-calls", paramLabel = "true|false", arity = "1",
            description = "false: the model calls at most one tool per step.")
    private Boolean parallelToolCalls;

    @Option(names = "--reasoning-effort", paramLabel = "LEVEL",
            description = "How hard a reasoning model (o3, o4-mini, gpt-5 ...) thinks: none, minimal, low, medium, "
                    + "high, xhigh or max.")
    private String reasoningEffort;

    @Mixin
    private SamplingOptions sampling;

    @Option(names = "--json-mode",
            description = "Ask for the answer as one JSON object (response_format json_object); say in the prompt "
                    + "what the JSON should hold.")
    private boolean jsonMode;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "Prices that add to or replace the standard ones, for the cost shown after each "
                    + "answer: a properties file with date=YYYY-MM-DD and lines MODEL = input, cached input, "
                    + "output (US dollars per million tokens).")
    private Path prices;

    @Option(names = {"-q", "--quiet"},
            description = "Do not print the tool calls, nor the tokens and cost of each answer, on stderr.")
    private boolean quiet;

    @Option(names = {"-v", "--verbose"},
            description = "Print each step and tool call in full (arguments, result, duration) to stderr instead "
                    + "of the compact tool lines, and stack traces of errors.")
    private boolean verbose;

    /**
     * {@code --debug}: turns on agent4j's debug log. Picocli calls this while it parses the
     * arguments, before any logger of agent4j exists; slf4j-simple reads a logger's level from the
     * system properties when the logger is made.
     */
    @Option(names = "--debug",
            description = "Print agent4j's debug log on stderr: each exchange with the model server (method, URL, "
                    + "status, timing, and the bodies with message contents hidden; never the key) and each retry.")
    void debug(boolean on) {
        if (on) {
            System.setProperty("org.slf4j.simpleLogger.log.io.agent4j", "debug");
            System.setProperty("org.slf4j.simpleLogger.log." + OpenAiChatModel.class.getName(), "debug");
        }
    }

    @Option(names = "--fail-on-truncation",
            description = "Exit with code 10 when the answer was cut off (at the token limit, or by a content "
                    + "filter); without it such an answer exits 0 with a warning on stderr.")
    private boolean failOnTruncation;

    @Option(names = "--max-cost", paramLabel = "USD",
            description = "The most the run may cost, in US dollars (0.05), priced with the price table (--prices); "
                    + "a model call that would go over it is not made, and the command exits 9.")
    private java.math.BigDecimal maxCost;

    @Option(names = "--max-tokens-total", paramLabel = "N",
            description = "The most tokens (prompt and completion, of every model call) the run may use; exits 9 "
                    + "when it would go over.")
    private Long maxTokensTotal;

    @Option(names = "--max-time", paramLabel = "DURATION", converter = Durations.class,
            description = "The most wall time the run may take, same format as --timeout (2m); exits 9 when it is "
                    + "over, checked before and after each model call.")
    private Duration maxTime;

    @Option(names = "--show-config",
            description = "Print the effective settings (API key masked) and where each comes from: flag, "
                    + "environment, ~/.agent4j/config.properties or default; then exit without calling a model.")
    private boolean showConfig;

    private PriceTable table;
    private ConfigFile config;
    /** {@code --structured-output} of {@code run}, which only {@code run} takes; null when not given. */
    private String structuredOutput;
    /** The live client the agent talks to (recorded or not), once {@link #builder} has made it; null for a replay. */
    private OpenAiChatModel live;
    /** The exchange a replay starts at: 0, or where a resumed run stopped. */
    private int replayFrom;
    /** Whether {@link #recording(Path, Path)} chose the recording, for one case of {@code eval}. */
    private boolean perCase;
    private Path caseReplay;
    private Path caseRecord;

    /** {@code --replay} and {@code --record}, of which at most one may be given. */
    static final class Recording {

        @Option(names = "--replay", paramLabel = "FILE", required = true,
                description = "Replay a recorded session instead of calling a model: offline, no key needed.")
        private Path replay;

        @Option(names = "--record", paramLabel = "FILE", required = true,
                description = "Record the session with the live model to FILE, for --replay later.")
        private Path record;
    }

    /** Creates the options; picocli calls this. */
    AgentOptions() {
    }

    /** The example named by {@code --example}, or null without it. */
    Example example() {
        return ToolOptions.example(spec, example);
    }

    /** Whether {@code --verbose} was given. */
    boolean verbose() {
        return verbose;
    }

    /** Whether {@code --quiet} was given. */
    boolean quiet() {
        return quiet;
    }

    /** Whether the model's side comes from a recording ({@code --replay}). */
    boolean replaying() {
        return recording != null && recording.replay != null;
    }

    /** The recording of {@code --replay}, or null. */
    Path replay() {
        return recording == null ? null : recording.replay;
    }

    /** Whether {@code --replay} or {@code --record} was given. */
    boolean recordingGiven() {
        return recording != null;
    }

    /**
     * Makes the models {@link #builder} and {@link #judge} make next replay {@code replay}, or record to
     * {@code record} (at most one of them; neither for a live model), instead of what {@code --replay}
     * and {@code --record} say: for each case of {@code agent4j eval}.
     */
    void recording(Path replay, Path record) {
        perCase = true;
        caseReplay = replay;
        caseRecord = record;
    }

    /**
     * The model of a judge, with the settings of the agent's but for the model's name ({@code null}
     * for the agent's): a replay of the {@link #recording(Path, Path)}, or the live model, recorded
     * when asked.
     *
     * @throws ParameterException for a usage error
     */
    ChatModel judge(Function<String, String> environment, String modelName, Screen screen) {
        Settings settings = settings(environment, null);
        if (modelName != null) {
            settings = settings.withModel(modelName, "--judge-model");
        }
        try {
            return ModelFactory.create(caseReplay, 0, caseRecord, settings, new ModelFactory.Timeouts(timeout,
                    readTimeout), onRetry(screen), !noStream, StructuredOutput.JSON_SCHEMA).model();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage() + origins(settings));
        }
    }

    /** A line on stderr for each retry of a model call; none with {@code --quiet}. */
    private Consumer<Retry> onRetry(Screen screen) {
        PrintWriter err = screen.err();
        return quiet ? null : retry -> {
            synchronized (err) {
                err.println(RetryLine.format(screen.style(), retry));
                err.flush();
            }
        };
    }

    /** Whether {@code --fail-on-truncation} was given. */
    boolean failOnTruncation() {
        return failOnTruncation;
    }

    /** Whether {@code --json-mode} was given. */
    boolean jsonMode() {
        return jsonMode;
    }

    /** Whether {@code --no-stream} was given. */
    boolean noStream() {
        return noStream;
    }

    /**
     * The request options of {@code --tool-choice}, {@code --parallel-tool-calls}, {@code --reasoning-effort},
     * {@code --json-mode} and the {@link SamplingOptions}, to go over the agent's own; {@link ChatOptions#NONE}
     * without them. Called after {@link #builder}, whose model they are checked against.
     *
     * @param tools the agent's tools, of which {@code --tool-choice NAME} must name one
     * @throws ParameterException when a value is not one the option takes, NAME is not one of the tools, or the
     *     model rejects {@code --temperature} or {@code --top-p}
     */
    ChatOptions requestOptions(Toolbox tools) {
        ChatOptions.Builder options = ChatOptions.builder().parallelToolCalls(parallelToolCalls);
        if (toolChoice != null) {
            options.toolChoice(toolChoice(tools));
        }
        if (jsonMode) {
            options.responseFormat(ResponseFormat.jsonObject());
        }
        String wrong = sampling.addTo(options);
        if (wrong != null) {
            throw usage(wrong);
        }
        ChatOptions built;
        try {
            options.reasoningEffort(reasoningEffort == null ? null : reasoningEffort.strip().toLowerCase(
                    java.util.Locale.ROOT));
            built = options.build();
        } catch (IllegalArgumentException e) {
            throw usage("--reasoning-effort " + reasoningEffort + ": must be one of none, minimal, low, medium, high, "
                    + "xhigh, max");
        }
        checkSampling(built);
        return built;
    }

    /**
     * The budget of {@code --max-cost}, {@code --max-tokens-total} and {@code --max-time};
     * {@link Budget#NONE} without them.
     *
     * @throws ParameterException for a value that is not positive
     */
    Budget budget() {
        Budget budget = Budget.NONE;
        if (maxCost != null) {
            if (maxCost.signum() <= 0) {
                throw usage("--max-cost " + maxCost.toPlainString() + ": must be more than 0 US dollars, e.g. 0.05");
            }
            budget = budget.withMaxCost(maxCost);
        }
        if (maxTokensTotal != null) {
            if (maxTokensTotal < 1) {
                throw usage("--max-tokens-total " + maxTokensTotal + ": must be at least 1");
            }
            budget = budget.withMaxTokens(maxTokensTotal);
        }
        if (maxTime != null) {
            if (maxTime.isZero()) {
                throw usage("--max-time 0: give the most time the run may take, e.g. 2m; leave it out for no limit");
            }
            budget = budget.withMaxTime(maxTime);
        }
        return budget;
    }

    /** Makes a {@code --replay} start at this exchange (counted from 0), to go on with a run that stopped there. */
    void replayFrom(int exchange) {
        this.replayFrom = exchange;
    }

    /** The model name in force (flag, environment, file or default), for a run's labels; null for a replay. */
    String modelName(Function<String, String> environment) {
        return replaying() ? null : settings(environment, null).model().value();
    }

    /** The endpoint in force, for a run's labels; null for a replay. */
    String baseUrl(Function<String, String> environment) {
        return replaying() ? null : settings(environment, null).baseUrl().value();
    }

    /** A reasoning model rejects {@code temperature} and {@code top_p}: said before any request, in the flags' words. */
    private void checkSampling(ChatOptions options) {
        String flag = sampling.samplingFlag();
        if (flag == null || live == null) {
            return;
        }
        try {
            live.requestBody(new ChatRequest(List.of(new UserMessage("check")), List.of(), options), false);
        } catch (IllegalArgumentException e) {
            String model = live.options().withOverrides(options).model();
            throw usage(flag + ": " + model + " is a reasoning model, which rejects temperature and top-p (it samples "
                    + "at its own default); leave out --temperature and --top-p for it, or steer it with "
                    + "--reasoning-effort");
        }
    }

    private ToolChoice toolChoice(Toolbox tools) {
        String choice = toolChoice.strip();
        switch (choice) {
            case "auto":
                return ToolChoice.AUTO;
            case "none":
                return ToolChoice.NONE;
            case "required":
                return ToolChoice.REQUIRED;
            default:
                java.util.Set<String> names = tools.names();
                if (!names.contains(choice)) {
                    throw usage("--tool-choice " + toolChoice + ": the agent has no tool of that name; give auto, "
                            + "none, required or one of its tools: " + (names.isEmpty() ? "(it has none)"
                            : String.join(", ", new java.util.TreeSet<>(names))));
                }
                return ToolChoice.function(choice);
        }
    }

    /** Whether {@code --show-config} was given. */
    boolean showConfig() {
        return showConfig;
    }

    /**
     * Sets the value of {@code run}'s {@code --structured-output} (null when not given), for the
     * settings and the model this makes after.
     */
    void structuredOutput(String flag) {
        this.structuredOutput = flag;
    }

    /**
     * {@code ~/.agent4j/config.properties}, read once.
     *
     * @throws ConfigException when it is malformed
     */
    ConfigFile config() {
        if (config == null) {
            config = ConfigFile.load();
        }
        return config;
    }

    /**
     * The effective settings: each from the flag, the environment, the configuration file or the
     * default, in that order.
     *
     * @param environment reads environment variables
     * @param store the {@code --store} flag of {@code chat}, or null
     * @throws ConfigException when the configuration file is malformed
     */
    Settings settings(Function<String, String> environment, String store) {
        return Settings.resolve(new Settings.Flags(apiKey, baseUrl, model, prices == null ? null : prices.toString(),
                store, timeout == null ? null : Durations.format(timeout),
                readTimeout == null ? null : Durations.format(readTimeout), structuredOutput), environment, config());
    }

    /**
     * The standard prices with those of {@code --prices} on top, read once.
     *
     * @throws ParameterException when the file does not exist
     * @throws io.agent4j.errors.Agent4jException when it cannot be read or parsed
     */
    PriceTable prices() {
        if (table == null) {
            Path file = prices;
            if (prices != null && !Files.isRegularFile(prices)) {
                throw usage("--prices " + prices + ": no such file");
            }
            if (file == null && config().get("prices").isPresent()) {
                ConfigFile.Entry entry = config().get("prices").get();
                file = config().resolve(entry);
                if (!Files.isRegularFile(file)) {
                    throw new ConfigException(config().where(entry) + ": prices " + file + ": no such file");
                }
            }
            table = file == null ? PriceTable.standard() : PriceTable.standard().with(PriceTable.load(file));
        }
        return table;
    }

    /**
     * A builder with the instructions and tools of {@code chosen} (or the generic instructions),
     * the tools of the packs and jars, the model, the step limit, the prices and, with
     * {@code --verbose}, a trace on {@code err}.
     *
     * @param chosen the example, or null
     * @param tools the {@code --tools} and {@code --tool-config} options
     * @param environment reads environment variables such as {@code OPENAI_API_KEY}
     * @param screen where the trace and the retries go
     * @throws ParameterException for a usage error
     */
    Agent.Builder builder(Example chosen, ToolOptions tools, Function<String, String> environment, Screen screen) {
        PrintWriter err = screen.err();
        if (maxSteps < 1) {
            throw usage("--max-steps must be at least 1, was " + maxSteps);
        }
        List<ToolPack> chosenPacks = packs();
        List<Path> jars = tools.jars();
        Map<String, String> settings = tools.settings();
        Agent.Builder builder = chosen == null
                ? Agent.builder().instructions(GENERIC_INSTRUCTIONS)
                : chosen.newBuilder(settings);
        if (instructions != null) {
            try {
                builder.instructions(instructions.read());
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        Toolbox extra = tools(chosenPacks, jars, settings);
        if (!extra.isEmpty()) {
            builder.tools(extra);
        }
        builder.model(model(environment, onRetry(screen))).maxSteps(maxSteps).prices(prices()).approvalPolicy(Approvals.POLICY);
        if (verbose) {
            builder.listener(new TraceListener(err));
        }
        return builder;
    }

    /**
     * The tools of {@code --packs} and of the {@code --tools} jars, with the {@code --tool-config}
     * settings; empty without them.
     *
     * @throws ParameterException for a usage error
     */
    Toolbox tools(ToolOptions tools) {
        return tools(packs(), tools.jars(), tools.settings());
    }

    private static Toolbox tools(List<ToolPack> packs, List<Path> jars, Map<String, String> settings) {
        Toolbox toolbox = packs.isEmpty() ? Toolbox.empty() : Toolbox.ofPacks(packs, settings);
        Map<String, Path> packOwners = new HashMap<>();
        for (Path jar : jars) {
            ToolOptions.claimPackNames(jar, packOwners);
            toolbox = toolbox.with(Toolbox.loadJar(jar, settings));
        }
        return toolbox;
    }

    private List<ToolPack> packs() {
        try {
            return ReadyPacks.named(packs);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ChatModel model(Function<String, String> environment, Consumer<Retry> onRetry) {
        live = null;
        Path replay = perCase ? caseReplay : recording == null ? null : recording.replay;
        Path record = perCase ? caseRecord : recording == null ? null : recording.record;
        if (replay != null && !Files.exists(replay)) {
            throw usage("--replay " + replay + ": no such file; give a recording made with --record FILE");
        }
        if (replay != null && Files.isDirectory(replay)) {
            throw usage("--replay " + replay + ": is a folder, not a recording; give a recording made with "
                    + "--record FILE");
        }
        Settings settings = settings(environment, null);
        StructuredOutput way = structuredOutput(settings.structuredOutput());
        try {
            ModelFactory.Made made = ModelFactory.create(replay, replayFrom, record, settings,
                    new ModelFactory.Timeouts(timeout, readTimeout), onRetry, !noStream, way);
            live = made.live();
            return made.model();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage() + origins(settings));
        }
    }

    /**
     * The way of {@code --structured-output} or {@code structured-output} of the configuration file:
     * {@code json_schema}, {@code json_object} or {@code instructions} (any case, {@code -} for {@code _}).
     *
     * @throws ParameterException for a flag of another value
     * @throws ConfigException for a setting of the file of another value, naming its line
     */
    private StructuredOutput structuredOutput(Settings.Setting setting) {
        String value = setting.value().strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (StructuredOutput way : StructuredOutput.values()) {
            if (way.name().equals(value)) {
                return way;
            }
        }
        String ways = "must be json_schema, json_object or instructions";
        if (setting.source() == Settings.Source.FILE) {
            throw new ConfigException(setting.from() + ": structured-output '" + setting.value() + "' " + ways);
        }
        throw usage("--structured-output " + setting.value() + ": " + ways + " (json_object or instructions for a "
                + "server without response_format json_schema)");
    }

    /** Where a base URL or model that was not a flag came from: {@code  (base-url from env OPENAI_BASE_URL)}. */
    private static String origins(Settings settings) {
        List<String> origins = new ArrayList<>();
        if (settings.baseUrl().source() == Settings.Source.ENV || settings.baseUrl().source() == Settings.Source.FILE) {
            origins.add("base-url from " + settings.baseUrl().describe());
        }
        if (settings.model().source() == Settings.Source.ENV || settings.model().source() == Settings.Source.FILE) {
            origins.add("model from " + settings.model().describe());
        }
        return origins.isEmpty() ? "" : " (" + String.join("; ", origins) + ")";
    }

    private ParameterException usage(String message) {
        return ToolOptions.usage(spec, message);
    }
}
