package io.agent4j.test.eval;

import io.agent4j.AgentResult;
import io.agent4j.answer.AnswerType;
import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ToolCall;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One check of an eval case on a run's result. In a data set each is a JSON object with one field:
 * {@code {"equals": "42"}}, {@code {"contains": "42"}}, {@code {"regex": "\\d+"}},
 * {@code {"json_schema": {...}}}, {@code {"tool": "add", "arguments": {"a": 1}}} (arguments
 * optional), {@code {"max_steps": 3}}, {@code {"max_cost": "0.01"}}, and a check graded by a judge
 * model, {@code {"judge": "The answer gives the result in feet and inches."}}.
 */
public sealed interface Check {

    /**
     * What is wrong with {@code result}, the run of {@code evalCase}, or null when the check passes.
     *
     * @param judge grades a {@link Judged} check; the others do not use it
     */
    String problem(EvalCase evalCase, AgentResult result, Judge judge);

    /** The answer is exactly this text (surrounding white space aside). */
    record EqualsText(String text) implements Check {
        @Override
        public String problem(EvalCase evalCase, AgentResult result, Judge judge) {
            return result.text().strip().equals(text.strip()) ? null
                    : "the answer is \"" + result.text() + "\", not \"" + text + "\"";
        }
    }

    /** The answer contains this text. */
    record Contains(String text) implements Check {
        @Override
        public String problem(EvalCase evalCase, AgentResult result, Judge judge) {
            return result.text().contains(text) ? null : "the answer does not contain \"" + text + "\"";
        }
    }

    /** Some part of the answer matches this regular expression. */
    record Regex(Pattern pattern) implements Check {
        @Override
        public String problem(EvalCase evalCase, AgentResult result, Judge judge) {
            return pattern.matcher(result.text()).find() ? null : "the answer does not match /" + pattern + "/";
        }
    }

    /** The answer is JSON valid against this schema. */
    record JsonSchema(ObjectNode schema) implements Check {
        @Override
        public String problem(EvalCase evalCase, AgentResult result, Judge judge) {
            List<String> problems = AnswerType.ofSchema("eval_check", schema).check(result.text()).problems();
            return problems.isEmpty() ? null : "the answer does not fit the schema: " + String.join("; ", problems);
        }
    }

    /** The model called this tool, with these arguments when they are given (compared as JSON). */
    record ToolCalled(String name, JsonNode arguments) implements Check {
        private static final JsonMapper JSON = JsonMapper.builder().build();

        @Override
        public String problem(EvalCase evalCase, AgentResult result, Judge judge) {
            List<ToolCall> calls = result.messages().stream().filter(AssistantMessage.class::isInstance)
                    .map(AssistantMessage.class::cast).flatMap(m -> m.toolCalls().stream()).toList();
            List<ToolCall> named = calls.stream().filter(c -> c.name().equals(name)).toList();
            if (named.isEmpty()) {
                return "tool '" + name + "' was not called (called: " + calls.stream().map(ToolCall::name).toList() + ")";
            }
            if (arguments == null || named.stream().anyMatch(c -> Objects.equals(arguments, parse(c.arguments())))) {
                return null;
            }
            return "tool '" + name + "' was not called with " + arguments + " (its arguments: "
                    + named.stream().map(ToolCall::arguments).toList() + ")";
        }

        private static JsonNode parse(String json) {
            try {
                return JSON.readTree(json);
            } catch (JacksonException e) {
                return null;
            }
        }
    }

    /** The run took at most this many model calls. */
    record MaxSteps(int steps) implements Check {
        @Override
        public String problem(EvalCase evalCase, AgentResult result, Judge judge) {
            return result.steps() <= steps ? null : "the run took " + result.steps() + " steps, more than " + steps;
        }
    }

    /** The run cost at most this many US dollars, and its cost is known. */
    record MaxCost(BigDecimal dollars) implements Check {
        @Override
        public String problem(EvalCase evalCase, AgentResult result, Judge judge) {
            if (result.cost().isEmpty()) {
                return "the run's cost is unknown, so it cannot be held to $" + dollars.toPlainString();
            }
            return result.cost().get().compareTo(dollars) <= 0 ? null
                    : "the run cost $" + result.cost().get().toPlainString() + ", more than $" + dollars.toPlainString();
        }
    }

    /**
     * A judge model grades the answer against this rubric ({@link Judge#of}); the case fails with the
     * judge's reason when it does not pass.
     */
    record Judged(String rubric) implements Check {
        /** Checks the rubric is there. */
        public Judged {
            if (rubric == null || rubric.isBlank()) {
                throw new IllegalArgumentException("A judge check needs a rubric: what the answer must do to pass.");
            }
        }

        @Override
        public String problem(EvalCase evalCase, AgentResult result, Judge judge) {
            Verdict verdict;
            try {
                verdict = judge.grade(rubric, evalCase, result);
            } catch (RuntimeException e) {
                return "the judge could not grade the answer: " + e.getMessage();
            }
            return verdict.pass() ? null : "the judge failed the answer: " + verdict.reason();
        }
    }
}
