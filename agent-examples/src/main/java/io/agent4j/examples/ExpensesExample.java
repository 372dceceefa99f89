package io.agent4j.examples;

import io.agent4j.Agent;
import io.agent4j.TypedResult;
import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.examples.expenses.ExpenseReport;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.tool.Toolbox;
import io.agent4j.tools.files.FilesPack;
import java.util.List;
import java.util.Map;

/**
 * An agent that makes an expense report of a folder of receipts: it lists the folder and reads
 * each receipt with the read-only tools of the {@code files} pack, and answers with an
 * {@link ExpenseReport}, a Java value. It shows a <em>typed answer</em>: tools first, then a final
 * answer that is checked against the report's JSON schema and bound before it is returned, and sent
 * back to the model with what is wrong until it is right.
 *
 * <pre>{@code
 * Agent agent = ExpensesExample.builder("receipts").model(OpenAiChatModel.fromEnv()).build();
 * ExpenseReport report = agent.run(ExpensesExample.SAMPLE_PROMPT, ExpenseReport.class).value();
 * }</pre>
 *
 * From the command line, the folder is the {@code files} pack's setting, and the report is printed
 * as JSON: {@code agent4j run --example expenses --tool-config files.root=DIR}; without it, the
 * current directory.
 */
public final class ExpensesExample {

    /** The setting that names the folder of receipts; default the current directory. */
    public static final String ROOT = FilesExample.ROOT;

    /** The folder the shipped session was made with, from the repository root. */
    public static final String SAMPLE_FOLDER = "agent-examples/sample-expenses";

    /** The system message of the example. */
    public static final String INSTRUCTIONS = "You prepare expense reports from the receipts in one folder. "
            + "List the folder with list_files, then read every receipt with read_file, all of them in the same "
            + "step; a README is no receipt. Never guess a date or an amount you have not read. Each receipt "
            + "is one expense: the day it was paid as an ISO date (YYYY-MM-DD, whatever the receipt's own "
            + "format), the merchant as the receipt names it, its category, and the total paid as a number "
            + "with its ISO currency code. List the expenses by date; the report's total is the sum of their "
            + "amounts.";

    /** A prompt for the sample folder. */
    public static final String SAMPLE_PROMPT = "Make an expense report of the receipts in the folder.";

    private ExpensesExample() {
    }

    /**
     * The read-only tools of the {@code files} pack on the folder {@code files.root} of the
     * settings ({@code list_files}, {@code read_file}, {@code search_files}).
     *
     * @throws ToolRegistrationException when a setting is refused, or {@code files.writable=true} is asked for
     */
    public static Toolbox tools(Map<String, String> settings) {
        if ("true".equalsIgnoreCase(settings.getOrDefault("files.writable", "").strip())) {
            throw new ToolRegistrationException("The expenses example only reads receipts, so it refuses "
                    + "files.writable=true.");
        }
        return Toolbox.ofPacks(List.of(new FilesPack()), settings);
    }

    /** A builder with the instructions and the tools on {@code folder}; add a model and build. */
    public static Agent.Builder builder(String folder) {
        return Agent.builder().instructions(INSTRUCTIONS).tools(tools(Map.of(ROOT, folder)));
    }

    /**
     * Makes the report of the current directory against {@code OPENAI_API_KEY}, with the arguments
     * as the prompt or the sample prompt when there are none, and prints each expense and the total.
     */
    public static void main(String[] args) {
        Agent agent = builder(".").model(OpenAiChatModel.fromEnv()).build();
        String prompt = args.length == 0 ? SAMPLE_PROMPT : String.join(" ", args);
        TypedResult<ExpenseReport> result = agent.run(prompt, ExpenseReport.class);
        ExpenseReport report = result.value();
        report.expenses().forEach(e -> System.out.println(e.date() + "  " + e.category() + "  " + e.merchant()
                + "  " + e.amount() + " " + e.currency()));
        System.out.println("total " + report.total() + " (" + result.repairs() + " repair(s))");
    }
}
