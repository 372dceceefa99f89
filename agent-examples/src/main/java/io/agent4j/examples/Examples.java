package io.agent4j.examples;

import io.agent4j.examples.expenses.ExpenseReport;
import io.agent4j.tool.Toolbox;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The registry of example agents, by name. Each shows one way to give an agent its tools:
 *
 * <ul>
 * <li>{@code calc}: plain objects, {@code .tools(new Calculator(), new UnitConverter())} ({@link CalcExample});
 * <li>{@code files}: a tool pack with settings, {@code Toolbox.ofPacks} with {@code files.root} ({@link FilesExample});
 * <li>{@code files-mcp}: an MCP server's tools, {@code McpTools.stdio} on the reference filesystem server
 *     ({@link FilesMcpExample});
 * <li>{@code notes}: writes only after a person's approval, the writable {@code files} pack ({@link NotesExample});
 * <li>{@code sql}: one tool object configured in code, {@code new SqlTools(url, maxRows)} ({@link SqlExample});
 * <li>{@code travel}: scanning a package, {@code toolsFrom(...)}, with a record parameter ({@link TravelExample});
 * <li>{@code receipt}: a tool that returns an image, {@code ToolResult.withImages} ({@link ReceiptExample});
 * <li>{@code expenses}: a typed answer, {@code agent.run(prompt, ExpenseReport.class)}, after the tools of the
 *     {@code files} pack ({@link ExpensesExample});
 * <li>{@code chat}: every tool pack on the class path, {@code ToolPack.discover}, in a conversation
 *     ({@link ChatExample}).
 * </ul>
 *
 * Each has a scripted session under {@code agent-examples/sessions/NAME.json} that replays offline.
 */
public final class Examples {

    private static final List<Example> ALL = List.of(
            new Example("calc", "exact arithmetic and unit conversion; tools from plain objects",
                    CalcExample.INSTRUCTIONS, settings -> CalcExample.tools(),
                    List.of(CalcExample.SAMPLE_PROMPT), Map.of()),
            new Example("files", "questions about one folder, read-only and sandboxed to it (files.root); "
                    + "a tool pack with settings",
                    FilesExample.INSTRUCTIONS, FilesExample::tools,
                    List.of(FilesExample.SAMPLE_PROMPT), Map.of(FilesExample.ROOT, FilesExample.SAMPLE_FOLDER)),
            new Example(FilesMcpExample.NAME, "the files questions, answered through the reference MCP filesystem server "
                    + "(files-mcp.root); an MCP server's tools",
                    FilesMcpExample.INSTRUCTIONS, settings -> Toolbox.empty(), List.of(FilesMcpExample.SAMPLE_PROMPT),
                    Map.of(FilesMcpExample.ROOT, FilesMcpExample.SAMPLE_FOLDER), FilesMcpExample::tools),
            new Example(NotesExample.NAME, "reads the notes of a folder and writes todo.md into it, only once a "
                    + "person approves the write (files.root); approval and agent4j resume",
                    NotesExample.INSTRUCTIONS, NotesExample::tools, List.of(NotesExample.SAMPLE_PROMPT),
                    Map.of(NotesExample.ROOT, NotesExample.SAMPLE_FOLDER)),
            new Example("sql", "an analyst over a generated shop database, read-only (sql.dir); "
                    + "one tool object configured in code",
                    SqlExample.INSTRUCTIONS, SqlExample::tools, List.of(SqlExample.SAMPLE_PROMPT), Map.of()),
            new Example("travel", "flight times across time zones, dates, city distances; tools found by "
                    + "scanning a package, a record parameter",
                    TravelExample.INSTRUCTIONS, settings -> TravelExample.tools(),
                    List.of(TravelExample.SAMPLE_PROMPT), Map.of()),
            new Example("receipt", "the total of a receipt image in a folder (receipt.folder); a tool that "
                    + "returns an image",
                    ReceiptExample.INSTRUCTIONS, ReceiptExample::tools, List.of(ReceiptExample.SAMPLE_PROMPT),
                    Map.of(ReceiptExample.FOLDER, ReceiptExample.SAMPLE_FOLDER)),
            new Example("expenses", "an expense report of a folder of receipts (files.root), as a Java record; "
                    + "a typed answer, checked and repaired",
                    ExpensesExample.INSTRUCTIONS, ExpensesExample::tools, List.of(ExpensesExample.SAMPLE_PROMPT),
                    Map.of(ExpensesExample.ROOT, ExpensesExample.SAMPLE_FOLDER), ExpenseReport.class),
            new Example("chat", "a general assistant with every ready tool pack, in a conversation; "
                    + "packs discovered on the class path",
                    ChatExample.INSTRUCTIONS, ChatExample::tools, ChatExample.SAMPLE_PROMPTS, Map.of()));

    private Examples() {
    }

    /** Every example, in a stable order. */
    public static List<Example> all() {
        return ALL;
    }

    /** The example with this name, if there is one. */
    public static Optional<Example> find(String name) {
        return ALL.stream().filter(example -> example.name().equals(name)).findFirst();
    }

    /** The names of all examples, for messages: {@code calc, files, ...}. */
    public static String names() {
        return ALL.stream().map(Example::name).collect(Collectors.joining(", "));
    }
}
