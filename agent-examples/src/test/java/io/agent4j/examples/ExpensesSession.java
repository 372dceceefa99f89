package io.agent4j.examples;

import static io.agent4j.examples.ScriptedSession.answer;
import static io.agent4j.examples.ScriptedSession.call;
import static io.agent4j.examples.ScriptedSession.calls;
import static io.agent4j.examples.ScriptedSession.turn;

import java.nio.file.Path;
import java.util.Map;

/**
 * The scripted session of the expenses example, {@code sessions/expenses.json}, on the shipped
 * {@code sample-expenses} folder: the model lists the folder, reads the four receipts in one step,
 * and answers with a report whose dates are copied as the receipts print them ({@code 04.03.2025});
 * the agent rejects it (the date does not bind to a {@code LocalDate}) and sends back the problem
 * with its JSON path; the model answers again with ISO dates, and that report is accepted.
 *
 * <p>Re-create it with {@code mvn -q -B test -pl agent-examples -Dtest=ExpensesSessionTest
 * -Dagent4j.writeSession=true}.
 */
public final class ExpensesSession {

    /** Where the session is shipped, relative to the agent-examples module. */
    public static final Path SHIPPED = Path.of("sessions", "expenses.json");
    /** The sample folder, relative to the agent-examples module. */
    public static final Path FOLDER = Path.of("sample-expenses");

    /** The model's first report: its dates as the receipts print them, which the agent rejects. */
    public static final String FIRST_REPORT = "{\"expenses\":["
            + "{\"date\":\"04.03.2025\",\"merchant\":\"DB Fernverkehr AG\",\"category\":\"TRANSPORT\","
            + "\"amount\":49.90,\"currency\":\"EUR\"},"
            + "{\"date\":\"04/03/2025\",\"merchant\":\"Restaurant Fischerhaus\",\"category\":\"MEALS\","
            + "\"amount\":38.50,\"currency\":\"EUR\"},"
            + "{\"date\":\"5 March 2025\",\"merchant\":\"Hotel Elbblick\",\"category\":\"LODGING\","
            + "\"amount\":117.60,\"currency\":\"EUR\"},"
            + "{\"date\":\"2025-03-05\",\"merchant\":\"Hansa Taxi Hamburg\",\"category\":\"TRANSPORT\","
            + "\"amount\":20.00,\"currency\":\"EUR\"}],\"total\":226.00}";

    /** The model's second report, which the agent accepts. */
    public static final String REPORT = FIRST_REPORT.replace("04.03.2025", "2025-03-04")
            .replace("04/03/2025", "2025-03-04").replace("5 March 2025", "2025-03-05");

    /** What {@code agent4j run --example expenses} prints on stdout: the accepted report's JSON, indented. */
    public static final String ANSWER = """
            {
              "expenses": [
                {
                  "date": "2025-03-04",
                  "merchant": "DB Fernverkehr AG",
                  "category": "TRANSPORT",
                  "amount": 49.90,
                  "currency": "EUR"
                },
                {
                  "date": "2025-03-04",
                  "merchant": "Restaurant Fischerhaus",
                  "category": "MEALS",
                  "amount": 38.50,
                  "currency": "EUR"
                },
                {
                  "date": "2025-03-05",
                  "merchant": "Hotel Elbblick",
                  "category": "LODGING",
                  "amount": 117.60,
                  "currency": "EUR"
                },
                {
                  "date": "2025-03-05",
                  "merchant": "Hansa Taxi Hamburg",
                  "category": "TRANSPORT",
                  "amount": 20.00,
                  "currency": "EUR"
                }
              ],
              "total": 226.00
            }""";

    /** The facts of the receipts both reports rely on, as the tool results hold them. */
    private static final String[] FACTS = {
        "Travel date: 04.03.2025", "Total: 49,90 EUR", "DB Fernverkehr AG",
        "04/03/2025   20:41", "TOTAL EUR                        38.50", "Restaurant Fischerhaus",
        "Date of invoice: 5 March 2025", "Total                        117.60 EUR", "Hotel Elbblick",
        "Date: 2025-03-05", "Amount paid          20.00 EUR", "Hansa Taxi Hamburg"};

    /** The script of the shipped session. */
    public static final ScriptedSession SESSION = ScriptedSession.run("expenses",
            Map.of(ExpensesExample.ROOT, FOLDER.toString()), turn(ExpensesExample.SAMPLE_PROMPT,
                    calls(call("list_files", "{\"path\":\".\"}", "expenses-1")),
                    calls(call("read_file", "{\"path\":\"dinner.txt\"}", "expenses-2"),
                            call("read_file", "{\"path\":\"hotel.txt\"}", "expenses-3"),
                            call("read_file", "{\"path\":\"taxi.txt\"}", "expenses-4"),
                            call("read_file", "{\"path\":\"train.txt\"}", "expenses-5")),
                    answer(FIRST_REPORT, FACTS),
                    answer(REPORT, FACTS)));

    private ExpensesSession() {
    }
}
