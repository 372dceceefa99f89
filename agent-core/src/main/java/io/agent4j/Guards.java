package io.agent4j;

import io.agent4j.chat.AssistantMessage;
import io.agent4j.chat.ContentPart;
import io.agent4j.chat.Message;
import io.agent4j.chat.TextPart;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.UserMessage;
import io.agent4j.guardrail.FinalAnswer;
import io.agent4j.guardrail.GuardrailEvent;
import io.agent4j.guardrail.GuardrailEvent.Stage;
import io.agent4j.guardrail.InputGuardrail;
import io.agent4j.guardrail.OutputGuardrail;
import io.agent4j.guardrail.ToolGuardrail;
import io.agent4j.guardrail.Verdict;
import io.agent4j.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The guardrails of an agent, applied for one run: each decision is told to the listeners, a stop
 * ends the run ({@link Stopped}, which the loop turns into a {@code GuardrailException} with the
 * transcript).
 */
final class Guards {

    static final Guards NONE = new Guards(List.of(), List.of(), List.of(), false);

    final List<InputGuardrail> input;
    final List<OutputGuardrail> output;
    final List<ToolGuardrail> tool;
    final boolean inputInParallel;

    Guards(List<InputGuardrail> input, List<OutputGuardrail> output, List<ToolGuardrail> tool,
            boolean inputInParallel) {
        this.input = List.copyOf(input);
        this.output = List.copyOf(output);
        this.tool = List.copyOf(tool);
        this.inputInParallel = inputInParallel;
    }

    /** A guardrail stopped the run. */
    static final class Stopped extends RuntimeException {
        final String guardrail;
        final Stage stage;
        final String reason;

        Stopped(String guardrail, Stage stage, String reason) {
            this(guardrail, stage, reason, null);
        }

        Stopped(String guardrail, Stage stage, String reason, Throwable cause) {
            super(reason, cause, false, false);
            this.guardrail = guardrail;
            this.stage = stage;
            this.reason = reason;
        }
    }

    /**
     * The user's message as the input guardrails let it through (its text parts replaced by a
     * rewrite, its images kept), with each decision told.
     *
     * @throws Stopped when one stops the run, or asks for a retry, which input cannot have
     */
    UserMessage checkInput(int step, UserMessage message, Consumer<Consumer<AgentListener>> notify) {
        UserMessage checked = message;
        for (InputGuardrail guardrail : input) {
            UserMessage seen = checked;
            Verdict verdict = decide(notify, step, guardrail.name(), Stage.INPUT, null, () -> guardrail.check(seen));
            if (verdict instanceof Verdict.Replace replace) {
                checked = withText(checked, replace.text());
            } else if (verdict instanceof Verdict.Retry retry) {
                throw new Stopped(guardrail.name(), Stage.INPUT, "an input guardrail cannot ask the model to retry, as "
                        + "the model has not answered yet (its feedback was: " + retry.feedback()
                        + "); return Verdict.stop or Verdict.replace");
            } else if (verdict instanceof Verdict.Stop stop) {
                throw new Stopped(guardrail.name(), Stage.INPUT, stop.reason());
            }
        }
        return checked;
    }

    private static UserMessage withText(UserMessage message, String text) {
        List<ContentPart> parts = new ArrayList<>();
        parts.add(new TextPart(text));
        parts.addAll(message.images());
        return new UserMessage(parts);
    }

    /** What a call becomes: the call to run (its arguments perhaps rewritten), or the result it gets instead of running. */
    record Call(ToolCall call, ToolResult instead) {
    }

    /**
     * A call as the tool guardrails let it run.
     *
     * @throws Stopped when one stops the run
     */
    Call beforeCall(int step, ToolCall call, Consumer<Consumer<AgentListener>> notify) {
        ToolCall checked = call;
        for (ToolGuardrail guardrail : tool) {
            ToolCall asked = checked;
            Verdict verdict = decide(notify, step, guardrail.name(), Stage.TOOL_CALL, call,
                    () -> guardrail.beforeCall(asked));
            if (verdict instanceof Verdict.Replace replace) {
                checked = new ToolCall(call.id(), call.name(), replace.text());
            } else if (verdict instanceof Verdict.Retry retry) {
                return new Call(checked, ToolResult.failure("Error: the call to tool '" + call.name()
                        + "' was not run (guardrail '" + guardrail.name() + "'): " + retry.feedback()));
            } else if (verdict instanceof Verdict.Stop stop) {
                throw new Stopped(guardrail.name(), Stage.TOOL_CALL, stop.reason());
            }
        }
        return new Call(checked, null);
    }

    /**
     * A result as the tool guardrails let the model see it.
     *
     * @throws Stopped when one stops the run
     */
    ToolResult afterCall(int step, ToolCall call, ToolResult result, Consumer<Consumer<AgentListener>> notify) {
        ToolResult checked = result;
        for (ToolGuardrail guardrail : tool) {
            ToolResult seen = checked;
            Verdict verdict = decide(notify, step, guardrail.name(), Stage.TOOL_RESULT, call,
                    () -> guardrail.afterCall(call, seen));
            if (verdict instanceof Verdict.Replace replace) {
                checked = new ToolResult(replace.text(), checked.failed(), checked.images());
            } else if (verdict instanceof Verdict.Retry retry) {
                return ToolResult.failure("Error: the result of tool '" + call.name() + "' was withheld "
                        + "(guardrail '" + guardrail.name() + "'): " + retry.feedback());
            } else if (verdict instanceof Verdict.Stop stop) {
                throw new Stopped(guardrail.name(), Stage.TOOL_RESULT, stop.reason());
            }
        }
        return checked;
    }

    /** Checks a replaced final answer again (a typed one against its schema) and gives its value. */
    @FunctionalInterface
    interface Recheck {
        /**
         * The value of {@code text}; empty for a text answer.
         *
         * @throws Stopped when it is no answer of the run's type
         */
        Optional<Object> value(String guardrail, String text);
    }

    /**
     * What the output guardrails made of the final answer: its text and value once every rewrite was
     * applied, or the first retry, with the name of the guardrail that asked for it.
     */
    record Decision(String text, Optional<Object> value, String guardrail, Verdict.Retry retry) {
    }

    /**
     * The final answer as the output guardrails let it through, each seeing it as the ones before
     * rewrote it; a retry ends the checks.
     *
     * @throws Stopped when one stops the run, or rewrites a typed answer into one that is not of its type
     */
    Decision checkOutput(int step, String text, Optional<Object> value, List<Message> transcript, Recheck recheck,
            Consumer<Consumer<AgentListener>> notify) {
        String checked = text;
        Optional<Object> checkedValue = value;
        List<Message> seen = transcript;
        for (OutputGuardrail guardrail : output) {
            FinalAnswer answer = new FinalAnswer(checked, checkedValue.orElse(null), seen);
            Verdict verdict = decide(notify, step, guardrail.name(), Stage.OUTPUT, null, () -> guardrail.check(answer));
            if (verdict instanceof Verdict.Replace replace) {
                checked = replace.text();
                checkedValue = recheck.value(guardrail.name(), checked);
                seen = new ArrayList<>(transcript.subList(0, transcript.size() - 1));
                seen.add(new AssistantMessage(checked, List.of(), null));
            } else if (verdict instanceof Verdict.Retry retry) {
                return new Decision(checked, checkedValue, guardrail.name(), retry);
            } else if (verdict instanceof Verdict.Stop stop) {
                throw new Stopped(guardrail.name(), Stage.OUTPUT, stop.reason());
            }
        }
        return new Decision(checked, checkedValue, null, null);
    }

    /**
     * A guardrail's verdict, told to the listeners. One that throws, or returns null, stops the run,
     * and is told as that stop: a check that cannot decide must not let anything through.
     */
    private static Verdict decide(Consumer<Consumer<AgentListener>> notify, int step, String name, Stage stage,
            ToolCall call, Supplier<Verdict> check) {
        Verdict verdict;
        Stopped failed;
        try {
            verdict = check.get();
            failed = verdict != null ? null
                    : new Stopped(name, stage, "the guardrail returned null instead of a Verdict");
        } catch (RuntimeException e) {
            verdict = null;
            failed = new Stopped(name, stage, "the guardrail threw " + e, e);
        }
        if (failed != null) {
            tell(notify, step, name, stage, Verdict.stop(failed.reason), call);
            throw failed;
        }
        tell(notify, step, name, stage, verdict, call);
        return verdict;
    }

    static void tell(Consumer<Consumer<AgentListener>> notify, int step, String guardrail, Stage stage, Verdict verdict,
            ToolCall call) {
        GuardrailEvent event = new GuardrailEvent(guardrail, stage, verdict, call);
        notify.accept(l -> l.onGuardrail(step, event));
    }
}
