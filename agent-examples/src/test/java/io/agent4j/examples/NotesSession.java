package io.agent4j.examples;

/**
 * The {@code notes} example's scripted session ({@code sessions/notes.json}): the agent lists and
 * reads the stand-up notes, asks to write {@code todo.md} (the run waits for approval there), and,
 * once approved, answers with {@link #ANSWER}.
 */
public final class NotesSession {

    /** The answer after the write was approved. */
    public static final String ANSWER = "I wrote todo.md with the three open action items: spare thermocouples (Ana), "
            + "the test plan for run 3 (Chen), and the logger backup before the firmware update (Ana).";

    /** What the approved write puts in {@code todo.md}. */
    public static final String TODO = "- [ ] Order spare thermocouples (Ana)\n- [ ] Write the test plan for run 3 "
            + "(Chen)\n- [ ] Back up the rig's logger before the firmware update (Ana)\n";

    private NotesSession() {
    }
}
