package io.agent4j.examples;

import io.agent4j.tool.Toolbox;
import io.agent4j.tools.files.FilesPack;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent that reads the notes of one folder and writes a file into it, each write only once a
 * person approves it. It shows <em>approval</em>: the {@code files} pack with
 * {@code files.writable=true}, whose {@code write_file} the command line asks approval for; the
 * run stops before the write, and {@code agent4j resume RUN --approve CALL} (or
 * {@code agent4j run --approve} on a terminal) lets it run.
 *
 * From the command line:
 * {@code agent4j run --example notes --tool-config files.root=agent-examples/sample-notes}.
 */
public final class NotesExample {

    /** The example's name. */
    public static final String NAME = "notes";

    /** The setting that names the folder; default the current directory. */
    public static final String ROOT = "files.root";

    /** The folder the shipped session was made with, from the repository root. */
    public static final String SAMPLE_FOLDER = "agent-examples/sample-notes";

    /** The system message of the example. */
    public static final String INSTRUCTIONS = "You keep the notes of one folder. Look before you write: list_files "
            + "shows a directory, read_file reads one file. write_file writes a file; a person approves each write "
            + "and may reject it: then do not try again, and say what you would have written. Paths are relative "
            + "to the folder. Answer briefly.";

    /** A prompt that reads the notes, then writes a file. */
    public static final String SAMPLE_PROMPT = "Collect the open action items of the stand-up notes into todo.md, "
            + "one line each with its owner.";

    private NotesExample() {
    }

    /**
     * The tools of the {@code files} pack on the folder {@code files.root}, writable:
     * {@code list_files}, {@code read_file}, {@code search_files} and {@code write_file}.
     *
     * @param settings {@code files.root} and the pack's other settings; other keys are ignored
     */
    public static Toolbox tools(Map<String, String> settings) {
        Map<String, String> writable = new HashMap<>(settings);
        writable.put("files.writable", "true");
        return Toolbox.ofPacks(List.of(new FilesPack()), writable);
    }
}
