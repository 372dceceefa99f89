package io.agent4j.testing;

import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.approval.ApprovalPolicy;
import io.agent4j.approval.Decision;
import io.agent4j.approval.PendingCall;
import io.agent4j.errors.ConcurrentConversationException;
import io.agent4j.errors.ResumeRefusedException;
import io.agent4j.memory.JdbcConversationStore;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.tool.Tool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A run of an agent in a JVM of its own, for the tests of runs that outlive their process. As a
 * program, {@code RunProcess start|resume key=value...} builds an agent on a store (a SQLite file
 * or a JDBC URL) against the scripted server on loopback, with {@link CountedTools}, then starts a
 * run (in a conversation, or one-off) or resumes one with the decisions given, and prints one line:
 * {@code COMPLETED runId text}, {@code WAITING runId callId...}, {@code REFUSED message} or
 * {@code CONCURRENT message}; its exit code says the same ({@link #COMPLETED}, {@link #WAITING},
 * {@link #REFUSED}, {@link #CONCURRENT}; 1 for any other failure, its stack trace on stderr).
 *
 * <p>Keys: {@code store} (file or JDBC URL), {@code port} (the server's), {@code counter} (the file
 * each tool appends a line to per run), {@code gate} (a file the slow tools wait for; none: they do
 * not wait), {@code policy-gate} (the agent's approval policy creates this file's name with
 * {@code .entered} and waits for the file before it decides), {@code ready} and {@code go} (the process creates {@code ready} once its agent is
 * built, then waits for {@code go} before it starts: a latch for processes that must act at once),
 * {@code lease} (the store's turn lease in ms), {@code conversation} and {@code prompt} (start),
 * {@code run}, {@code approve} and {@code reject} (resume; a key may repeat, a rejection is
 * {@code callId:reason}).
 */
public final class RunProcess {

    /** Exit code: the run completed. */
    public static final int COMPLETED = 0;
    /** Exit code: the run waits for approval, as the command line's. */
    public static final int WAITING = 5;
    /** Exit code: the resume was refused ({@link ResumeRefusedException}). */
    public static final int REFUSED = 3;
    /** Exit code: another writer had the run's conversation ({@link ConcurrentConversationException}). */
    public static final int CONCURRENT = 4;

    private final Process process;
    private final Path log;

    private RunProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** How a process ended: its exit code and what it printed on stdout. */
    public record Outcome(int exitCode, String out) {

        /** The run id of a completed or waiting run. */
        public String runId() {
            return out.split(" ")[1];
        }
    }

    /**
     * Starts {@code RunProcess command options...} in a new JVM with this JVM's class path; its
     * stderr goes to {@code name.err} in {@code dir}.
     */
    public static RunProcess start(Path dir, String name, String command, String... options) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> line = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), RunProcess.class.getName(), command));
        line.addAll(List.of(options));
        Path log = dir.resolve(name + ".err");
        try {
            return new RunProcess(new ProcessBuilder(line).redirectError(log.toFile()).start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process, to kill it. */
    public Process process() {
        return process;
    }

    /** Waits for the process to end (at most 30 s) and returns how it ended. */
    public Outcome await() throws InterruptedException {
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the process did not end: " + out + "\n" + Files.readString(log));
            }
            return new Outcome(process.exitValue(), out + (process.exitValue() == 1 ? "\n" + Files.readString(log)
                    : ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the process at once (SIGKILL: no shutdown hook, no finally) and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the process survived a kill");
        }
    }

    /** The lines of a counter file: one per tool run, in order; none when no tool ran. */
    public static List<String> runs(Path counter) {
        try {
            return Files.exists(counter) ? Files.readAllLines(counter) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Real tools that write one line per run to the counter file, so that runs are counted across processes. */
    public static final class CountedTools {
        private final Path counter;
        private final Path gate;

        CountedTools(Path counter, Path gate) {
            this.counter = counter;
            this.gate = gate;
        }

        /** Needs approval; waits at the gate. */
        @Tool(value = "Writes a note", approval = "writes to the notes folder")
        public String write(String name, String text) throws InterruptedException {
            count("write " + name);
            awaitGate();
            return "wrote " + name;
        }

        /** Needs no approval. */
        @Tool("Reads a note")
        public String read(String name) {
            count("read " + name);
            return "text of " + name;
        }

        /** Answers at once. */
        @Tool("Answers at once")
        public String quick() {
            count("quick");
            return "quick result";
        }

        /** Idempotent; waits at the gate. */
        @Tool(value = "Looks a price up", idempotent = true)
        public String lookup(String item) throws InterruptedException {
            count("lookup " + item);
            awaitGate();
            return item + " costs 3";
        }

        /** Needs approval, and is idempotent. */
        @Tool(value = "Publishes the notes", approval = "publishes the notes", idempotent = true)
        public String publish() {
            count("publish");
            return "published";
        }

        /** Not idempotent; waits at the gate. */
        @Tool("Sends a message")
        public String send(String to) throws InterruptedException {
            count("send " + to);
            awaitGate();
            return "sent to " + to;
        }

        private void count(String run) {
            try {
                Files.writeString(counter, run + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void awaitGate() throws InterruptedException {
            while (gate != null && !Files.exists(gate)) {
                Thread.sleep(10);
            }
        }
    }

    /** The agent such a process builds, for a run started in the test's own JVM; {@code options} as {@code key=value}. */
    public static Agent agent(String... options) {
        return agent(parse(options, 0));
    }

    private static Map<String, List<String>> parse(String[] args, int from) {
        Map<String, List<String>> options = new HashMap<>();
        for (int i = from; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            options.computeIfAbsent(args[i].substring(0, eq), k -> new ArrayList<>()).add(args[i].substring(eq + 1));
        }
        return options;
    }

    private static Agent agent(Map<String, List<String>> options) {
        String store = one(options, "store");
        JdbcConversationStore jdbc = store.startsWith("jdbc:") ? JdbcConversationStore.connect(store, null, null)
                : JdbcConversationStore.sqlite(Path.of(store));
        if (options.containsKey("lease")) {
            jdbc = jdbc.withTurnLease(Duration.ofMillis(Long.parseLong(one(options, "lease"))));
        }
        Path gate = options.containsKey("gate") ? Path.of(one(options, "gate")) : null;
        ApprovalPolicy policy = ApprovalPolicy.declared();
        if (options.containsKey("policy-gate")) {
            Path policyGate = Path.of(one(options, "policy-gate"));
            policy = (call, declared, context) -> {
                try {
                    Files.writeString(Path.of(policyGate + ".entered"), "");
                    while (!Files.exists(policyGate)) {
                        Thread.sleep(10);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return declared;
            };
        }
        return Agent.builder()
                .model(OpenAiChatModel.builder().apiKey(ChatServer.KEY)
                        .baseUrl("http://127.0.0.1:" + one(options, "port") + "/v1")
                        .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build())
                .instructions("You are terse.")
                .tools(new CountedTools(Path.of(one(options, "counter")), gate))
                .store(jdbc)
                .approvalPolicy(policy)
                .build();
    }

    /** Runs the command; see the class comment. */
    public static void main(String[] args) throws Exception {
        Map<String, List<String>> options = parse(args, 1);
        Agent agent = agent(options);
        if (options.containsKey("ready")) {
            Files.createFile(Path.of(one(options, "ready")));
            Path go = Path.of(one(options, "go"));
            while (!Files.exists(go)) {
                Thread.sleep(5);
            }
        }
        int code;
        try {
            AgentResult result = switch (args[0]) {
                case "start" -> options.containsKey("conversation")
                        ? agent.conversation(one(options, "conversation")).send(one(options, "prompt"))
                        : agent.run(one(options, "prompt"));
                case "resume" -> resume(agent, options);
                default -> throw new IllegalArgumentException("start or resume, not " + args[0]);
            };
            if (result.waiting()) {
                System.out.println("WAITING " + result.runId() + " "
                        + result.pending().stream().map(PendingCall::id).collect(Collectors.joining(" ")));
                code = WAITING;
            } else {
                System.out.println("COMPLETED " + result.runId() + " " + result.text());
                code = COMPLETED;
            }
        } catch (ResumeRefusedException e) {
            System.out.println("REFUSED " + e.getMessage());
            code = REFUSED;
        } catch (ConcurrentConversationException e) {
            System.out.println("CONCURRENT " + e.getMessage());
            code = CONCURRENT;
        }
        System.out.flush();
        System.exit(code);
    }

    private static AgentResult resume(Agent agent, Map<String, List<String>> options) {
        List<Decision> decisions = new ArrayList<>();
        options.getOrDefault("approve", List.of()).forEach(id -> decisions.add(Decision.approve(id)));
        for (String rejection : options.getOrDefault("reject", List.of())) {
            int colon = rejection.indexOf(':');
            decisions.add(Decision.reject(rejection.substring(0, colon), rejection.substring(colon + 1)));
        }
        String run = one(options, "run");
        return decisions.isEmpty() ? agent.resume(run) : agent.resume(run, decisions);
    }

    private static String one(Map<String, List<String>> options, String key) {
        List<String> values = options.get(key);
        if (values == null) {
            throw new IllegalArgumentException("missing " + key + "=");
        }
        return values.get(0);
    }

    /** {@code key=value} for a command line. */
    public static String option(String key, Object value) {
        return key + "=" + value;
    }
}
