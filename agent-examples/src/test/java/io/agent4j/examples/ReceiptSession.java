package io.agent4j.examples;

import static io.agent4j.examples.ScriptedSession.answer;
import static io.agent4j.examples.ScriptedSession.callWithId;
import static io.agent4j.examples.ScriptedSession.calls;
import static io.agent4j.examples.ScriptedSession.turn;

import java.nio.file.Path;
import java.util.Map;

/**
 * The scripted session of the receipt example, {@code sessions/receipt.json}: the scripted model
 * opens {@code sample-receipts/receipt.png} with {@code open_image}, the real tool reads the real
 * image, and the recording holds the image as the agent sent it (a {@code data:} URL in the user
 * message after the tool message); then the model answers with the total printed on the receipt.
 *
 * <p>Re-create it after changing the example or the image, from the repository root:
 * {@code mvn -q -B test -pl agent-examples -am -Dtest=ReceiptSessionTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dagent4j.writeSession=true}.
 */
public final class ReceiptSession {

    /** Where the session is shipped, relative to the agent-examples module. */
    public static final Path SHIPPED = Path.of("sessions", "receipt.json");
    /** The sample folder, relative to the agent-examples module. */
    public static final Path FOLDER = Path.of("sample-receipts");
    /** The model's final answer in the session. */
    public static final String ANSWER = "The total of receipt.png is 27.50 EUR.";

    /** The script of the shipped session. */
    public static final ScriptedSession SESSION = ScriptedSession.run("receipt",
            Map.of(ReceiptExample.FOLDER, FOLDER.toString()), turn(ReceiptExample.SAMPLE_PROMPT,
                    calls(callWithId("call_R3c31ptT0ta1x8Kq2Vn5Wm7Z", "open_image", "{\"file\":\"receipt.png\"}")),
                    answer(ANSWER)));

    private ReceiptSession() {
    }
}
