package io.agent4j.examples.cli;

import io.agent4j.errors.Agent4jException;
import io.agent4j.errors.AuthenticationException;
import io.agent4j.errors.BudgetExceededException;
import io.agent4j.errors.CancelledException;
import io.agent4j.errors.ConcurrentConversationException;
import io.agent4j.errors.GuardrailException;
import io.agent4j.errors.InvalidAnswerException;
import io.agent4j.errors.MaxStepsExceededException;
import io.agent4j.errors.MissingApiKeyException;
import io.agent4j.errors.RefusalException;
import io.agent4j.errors.ResumeRefusedException;
import java.io.PrintWriter;
import java.util.ServiceConfigurationError;

/** Turns an exception into one line on stderr and an exit code. */
final class Failures {

    private Failures() {
    }

    /**
     * Prints {@code agent4j: <message>} (and the stack trace when {@code verbose}) and returns the
     * exit code for the exception. An answer that never became valid also shows its problems, one a
     * line, and the model's last answer as it wrote it.
     */
    static int report(PrintWriter err, Throwable e, boolean verbose) {
        err.println("agent4j: " + oneLine(inCliTerms(message(e))));
        if (e instanceof InvalidAnswerException invalid) {
            invalid.problems().forEach(problem -> err.println("  - " + oneLine(problem)));
            err.println("agent4j: the model's last answer, as it wrote it:");
            err.println(invalid.text());
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode(e);
    }

    /** The exit code for an exception; see {@link ExitCodes}. */
    static int exitCode(Throwable e) {
        if (e instanceof ConfigException) {
            return ExitCodes.USAGE;
        }
        if (e instanceof AuthenticationException || e instanceof MissingApiKeyException) {
            return ExitCodes.AUTHENTICATION;
        }
        if (e instanceof MaxStepsExceededException) {
            return ExitCodes.MAX_STEPS;
        }
        if (e instanceof RefusalException) {
            return ExitCodes.REFUSED;
        }
        if (e instanceof InvalidAnswerException) {
            return ExitCodes.INVALID_ANSWER;
        }
        if (e instanceof GuardrailException) {
            return ExitCodes.GUARDRAIL;
        }
        if (e instanceof CancelledException) {
            return ExitCodes.CANCELLED;
        }
        if (e instanceof BudgetExceededException) {
            return ExitCodes.BUDGET;
        }
        if (e instanceof ResumeRefusedException) {
            return ExitCodes.USAGE;
        }
        if (e instanceof ConcurrentConversationException) {
            return ExitCodes.RESUMED_ELSEWHERE;
        }
        return ExitCodes.FAILURE;
    }

    private static String message(Throwable e) {
        if (e instanceof CancelledException) {
            return "The run was cancelled.";
        }
        if (e instanceof RefusalException refusal) {
            return "the model refused to answer: " + refusal.refusal();
        }
        if (e instanceof InvalidAnswerException invalid) {
            return "the model's answer still did not fit its schema after " + invalid.repairs() + " repair(s); raise "
                    + "--max-repairs, or simplify the schema or type. The problems of its last answer:";
        }
        if (e instanceof MaxStepsExceededException m) {
            return "the agent made " + m.maxSteps() + " model call(s) without reaching a final answer; "
                    + "raise --max-steps if the task needs more, or use --verbose to see the tool calls.";
        }
        if (e instanceof BudgetExceededException) {
            return e.getMessage().replace("Raise the budget, or ask for less.", "Raise it (--max-cost, "
                    + "--max-tokens-total, --max-time), or ask for less.");
        }
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e instanceof Agent4jException || e instanceof ConfigException ? message
                : e.getClass().getSimpleName() + ": " + message;
        if (e instanceof ServiceConfigurationError && e.getCause() != null) {
            text += " (" + message(e.getCause()) + ")";
        }
        return e instanceof Error ? text + advice((Error) e) : text;
    }

    /**
     * The library's advice in the command line's terms: where agent4j's message names a setting of the
     * builder or a way of the API, the command names its flag.
     */
    static String inCliTerms(String message) {
        String text = message;
        for (String[] pair : CLI_TERMS) {
            text = text.replace(pair[0], pair[1]);
        }
        return text;
    }

    private static final String[][] CLI_TERMS = {
        {"Check the key given to the builder or in OPENAI_API_KEY.", "Check OPENAI_API_KEY or --api-key."},
        {"Check the model name and the base URL.", "Check --model and --base-url."},
        {"Check the base URL and your network.", "Check --base-url and your network."},
        {"Record it against a live model (RecordingChatModel)", "Create it with --record against a live endpoint"},
        {"record it again against a live model", "re-create it with --record"},
        {"Record it again against a live model", "Re-create it with --record"},
    };

    /** What to do about an error of the JVM, which no message of agent4j explains. */
    private static String advice(Error e) {
        if (e instanceof OutOfMemoryError) {
            return "; the command ran out of memory: give Java a larger heap (java -Xmx2g -jar ...), "
                    + "or use --verbose for the stack trace";
        }
        if (e instanceof LinkageError) {
            return ": a class that a tool jar or pack needs is missing or does not match; put the pack's "
                    + "dependencies in its jar (a shaded jar), or use --verbose for the stack trace";
        }
        if (e instanceof ServiceConfigurationError) {
            return "";
        }
        return "; an internal error, use --verbose for the stack trace";
    }

    /** The text on one line: line breaks and the spaces around them become one space. */
    static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
