package io.agent4j.test.eval;

import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.Message;
import io.agent4j.chat.SystemMessage;
import io.agent4j.chat.UserMessage;
import io.agent4j.memory.InMemoryConversationStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A data set of eval cases, one JSON object a line (JSONL); blank lines and lines starting with
 * {@code //} are skipped:
 *
 * <pre>{@code
 * {"id": "percent", "prompt": "What is 17.5% of 2,340.80?", "checks": [{"contains": "409.64"}, {"tool": "evaluate"}, {"max_steps": 3}]}
 * {"id": "follow-up", "conversation": [{"role": "user", "content": "What is 2 + 2?"}, {"role": "assistant", "content": "4"}],
 *  "prompt": "And times 3?", "checks": [{"contains": "12"}, {"judge": "The answer says the result is 12."}]}
 * }</pre>
 *
 * A case's {@code conversation} (optional) is the user and assistant messages its prompt follows.
 *
 * @param source the file the cases were read from
 * @param cases the cases, in the file's order
 */
public record EvalSet(Path source, List<EvalCase> cases) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Copies the cases. */
    public EvalSet {
        cases = List.copyOf(cases);
    }

    /**
     * Reads a data set.
     *
     * @throws IllegalArgumentException naming the line and what is wrong with it
     * @throws UncheckedIOException when the file cannot be read
     */
    public static EvalSet load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the eval set " + file + ": " + e.getMessage(), e);
        }
        List<EvalCase> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("//")) {
                continue;
            }
            String where = file + ", line " + (i + 1);
            EvalCase evalCase = parse(line, where);
            if (!ids.add(evalCase.id())) {
                throw new IllegalArgumentException(where + ": the id '" + evalCase.id() + "' is taken by an earlier case.");
            }
            cases.add(evalCase);
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("The eval set " + file + " holds no case.");
        }
        return new EvalSet(file, cases);
    }

    private static EvalCase parse(String line, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(where + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!node.isObject() || !node.path("id").isString() || !node.path("prompt").isString()) {
            throw new IllegalArgumentException(where + ": a case is an object with a string \"id\", a string \"prompt\" "
                    + "and an array \"checks\".");
        }
        JsonNode checks = node.path("checks");
        if (!checks.isArray() || checks.isEmpty()) {
            throw new IllegalArgumentException(where + ": case '" + node.get("id").asString() + "' has no \"checks\".");
        }
        List<Check> parsed = new ArrayList<>();
        for (JsonNode check : checks) {
            parsed.add(check(check, where));
        }
        return new EvalCase(node.get("id").asString(), node.get("prompt").asString(),
                conversation(node.get("conversation"), where), parsed);
    }

    private static List<Message> conversation(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        String shape = "a \"conversation\" is an array of {\"role\": \"user\" or \"assistant\", \"content\": \"...\"}";
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + ": " + shape + ".");
        }
        List<Message> messages = new ArrayList<>();
        for (JsonNode message : node) {
            String role = message.path("role").asString("");
            if (!message.path("content").isString() || !(role.equals("user") || role.equals("assistant"))) {
                throw new IllegalArgumentException(where + ": " + shape + "; message " + (messages.size() + 1)
                        + " is " + message + ".");
            }
            String content = message.get("content").asString();
            messages.add(role.equals("user") ? new UserMessage(content) : AssistantMessage.of(content));
        }
        return messages;
    }

    private static Check check(JsonNode node, String where) {
        String kinds = "equals, contains, regex, json_schema, tool (with optional arguments), max_steps, max_cost, "
                + "judge";
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": a check is an object such as {\"contains\": \"42\"}; one of "
                    + kinds + ".");
        }
        if (node.path("equals").isString()) {
            return new Check.EqualsText(node.get("equals").asString());
        } else if (node.path("contains").isString()) {
            return new Check.Contains(node.get("contains").asString());
        } else if (node.path("regex").isString()) {
            try {
                return new Check.Regex(Pattern.compile(node.get("regex").asString()));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + ": the regex " + node.get("regex") + " is not a regular "
                        + "expression: " + e.getDescription(), e);
            }
        } else if (node.path("json_schema").isObject()) {
            return new Check.JsonSchema((ObjectNode) node.get("json_schema"));
        } else if (node.path("tool").isString()) {
            JsonNode arguments = node.get("arguments");
            return new Check.ToolCalled(node.get("tool").asString(), arguments == null || arguments.isNull() ? null
                    : arguments);
        } else if (node.path("max_steps").isIntegralNumber()) {
            return new Check.MaxSteps(node.get("max_steps").asInt());
        } else if (node.has("max_cost") && (node.get("max_cost").isString() || node.get("max_cost").isNumber())) {
            try {
                return new Check.MaxCost(new BigDecimal(node.get("max_cost").asString()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": max_cost " + node.get("max_cost") + " is not a number of "
                        + "US dollars such as \"0.01\".", e);
            }
        } else if (node.path("judge").isString() && !node.get("judge").asString().isBlank()) {
            return new Check.Judged(node.get("judge").asString());
        }
        throw new IllegalArgumentException(where + ": the check " + node + " is none of " + kinds + ".");
    }

    /**
     * Runs every case, one after the other, with an agent built from the builder {@code agents} makes
     * for it (a fresh one, or one over the case's recording), and checks each result; each agent is
     * closed after its case. A case with a conversation is sent as the next turn of that conversation,
     * kept in memory for the case (the builder's store is replaced). A run that throws fails its case.
     *
     * @throws IllegalArgumentException when a case has a {@link Check.Judged} check: run the set with
     *     {@link #run(Function, Function)}
     */
    public EvalReport run(Function<EvalCase, Agent.Builder> agents) {
        List<String> judged = cases.stream().filter(EvalCase::judged).map(EvalCase::id).toList();
        if (!judged.isEmpty()) {
            throw new IllegalArgumentException("The eval set " + source + " has judge checks (in " + String.join(", ",
                    judged) + "): run it with run(agents, judges), giving those cases a Judge such as Judge.of(model).");
        }
        return run(agents, evalCase -> {
            throw new IllegalStateException("no judge");
        });
    }

    /**
     * Runs every case as {@link #run(Function)} does, its {@link Check.Judged} checks graded by the
     * judge {@code judges} gives the case (asked only for the cases that have such a check).
     */
    public EvalReport run(Function<EvalCase, Agent.Builder> agents, Function<EvalCase, Judge> judges) {
        Objects.requireNonNull(agents, "agents");
        Objects.requireNonNull(judges, "judges");
        List<EvalResult> results = new ArrayList<>();
        for (EvalCase evalCase : cases) {
            long start = System.nanoTime();
            AgentResult result;
            try {
                result = run(agents.apply(evalCase), evalCase);
            } catch (RuntimeException | AssertionError e) {
                results.add(new EvalResult(evalCase, List.of("the run failed: " + e.getMessage()), 0, 0, null,
                        Duration.ofNanos(System.nanoTime() - start)));
                continue;
            }
            Duration time = Duration.ofNanos(System.nanoTime() - start);
            Judge judge = evalCase.judged() ? judges.apply(evalCase) : null;
            List<String> problems = new ArrayList<>();
            for (Check check : evalCase.checks()) {
                String problem = check.problem(evalCase, result, judge);
                if (problem != null) {
                    problems.add(problem);
                }
            }
            results.add(new EvalResult(evalCase, problems, result.steps(), result.usage().totalTokens(),
                    result.cost().orElse(null), time));
        }
        return new EvalReport(source.getFileName().toString().replaceAll("\\.jsonl$", ""), results);
    }

    /** Runs one case with an agent of {@code builder}: its prompt alone, or as the next turn of its conversation. */
    private static AgentResult run(Agent.Builder builder, EvalCase evalCase) {
        if (evalCase.conversation().isEmpty()) {
            try (Agent agent = builder.build()) {
                return agent.run(evalCase.prompt());
            }
        }
        InMemoryConversationStore store = new InMemoryConversationStore();
        try (Agent agent = builder.store(store).build()) {
            List<Message> history = new ArrayList<>();
            if (agent.instructions() != null) {
                history.add(new SystemMessage(agent.instructions()));
            }
            history.addAll(evalCase.conversation());
            String id = "eval-" + evalCase.id();
            store.append(id, 0, history);
            return agent.conversation(id).send(evalCase.prompt());
        }
    }
}
