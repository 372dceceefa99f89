package io.agent4j.examples.cli;

/** The exit codes of the {@code agent4j} command line (docs/cli.md lists them). */
public final class ExitCodes {

    /** The run finished and the answer was printed ({@code chat}: the input ended, or {@code /exit}). */
    public static final int OK = 0;
    /**
     * A failure: the model server or the network, a recording that no longer matches, a tool jar or
     * pack that does not load, a price file that does not parse, a conversation store.
     */
    public static final int FAILURE = 1;
    /**
     * The command line itself was wrong (an unknown option, a missing prompt, conflicting flags), or
     * {@code ~/.agent4j/config.properties} is malformed.
     */
    public static final int USAGE = 2;
    /** No API key, or the server rejected it. */
    public static final int AUTHENTICATION = 3;
    /** The model was still calling tools after {@code --max-steps} model calls. */
    public static final int MAX_STEPS = 4;
    /**
     * The run waits for a person's approval of tool calls: stderr has its run id, the pending calls
     * and the {@code agent4j resume} command that continues it ({@code --json}: {@code "status":"waiting"}).
     */
    public static final int WAITING = 5;
    /**
     * The model refused to answer ({@code refusal} instead of content): nothing is printed on stdout,
     * the refusal goes to stderr ({@code agent4j: the model refused to answer: ...}), and with
     * {@code --json} it is the object's {@code "refusal"}. In {@code chat} the refusal of one message is
     * printed and the chat goes on.
     */
    public static final int REFUSED = 6;
    /**
     * A typed answer ({@code --output-schema}, {@code --output-type}, or an example that answers with
     * a value) still did not parse, match its schema or bind after {@code --max-repairs} repairs:
     * nothing is printed on stdout, and stderr has the problems of the last answer and that answer
     * as the model wrote it.
     */
    public static final int INVALID_ANSWER = 7;
    /**
     * A guardrail stopped the run (on the prompt, a tool call or result, or the answer): stderr says
     * which guardrail, where and why; nothing is printed on stdout.
     */
    public static final int GUARDRAIL = 8;
    /** A budget ({@code --max-cost}, {@code --max-tokens-total}, {@code --max-time}) stopped the run; stderr says which. */
    public static final int BUDGET = 9;
    /**
     * With {@code --fail-on-truncation}: the answer was cut off before the model finished it, at the
     * token limit or by the provider's content filter (it is printed all the same). Without the flag
     * such an answer exits {@link #OK}, with a warning on stderr.
     */
    public static final int TRUNCATED = 10;
    /** {@code agent4j resume}: the run is being resumed by another process at the same time; nothing ran here. */
    public static final int RESUMED_ELSEWHERE = 11;
    /** {@code agent4j eval}: fewer cases passed than {@code --min-pass} asks (the table or JSON says which failed). */
    public static final int EVAL_BELOW_MIN_PASS = 12;
    /** Ctrl-C (SIGINT) cancelled the run: 128 + SIGINT's number, as a shell reports a process SIGINT ended. */
    public static final int CANCELLED = 130;
    /** SIGTERM cancelled the run, as Ctrl-C does: 128 + SIGTERM's number, as a shell reports it. */
    public static final int TERMINATED = 143;

    private ExitCodes() {
    }
}
