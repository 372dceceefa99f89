package io.agent4j.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --instructions TEXT} and {@code --instructions-file FILE}, of which at most one may be
 * given: the system message of the agent, in place of the example's or the default one.
 */
final class InstructionsOptions {

    /** The largest instructions file read: far more than any model takes as its system message. */
    static final int MAX_FILE = 1024 * 1024;

    @Option(names = "--instructions", paramLabel = "TEXT", required = true,
            description = "The system message, in place of the example's or the default one.")
    private String text;

    @Option(names = "--instructions-file", paramLabel = "FILE", required = true,
            description = "The system message from a UTF-8 text file (its last line breaks left out), in place of "
                    + "the example's or the default one.")
    private Path file;

    /** Creates the options; picocli calls this. */
    InstructionsOptions() {
    }

    /**
     * The system message given.
     *
     * @throws IllegalArgumentException saying what is wrong with it or its file, in a usage error's words
     */
    String read() {
        if (text != null) {
            if (text.isBlank()) {
                throw new IllegalArgumentException("--instructions is empty; give the system message, or leave the "
                        + "option out for the default one");
            }
            return text;
        }
        String where = "--instructions-file " + file + ": ";
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(where + "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(where + "is a folder, not a file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE + 1);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(where + "cannot be read (permission denied)");
        } catch (IOException e) {
            throw new IllegalArgumentException(where + "cannot be read (" + e.getMessage() + ")");
        }
        if (bytes.length > MAX_FILE) {
            throw new IllegalArgumentException(where + "is larger than 1 MiB, more than any model reads as its "
                    + "system message");
        }
        String read;
        try {
            read = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(where + "is not UTF-8 text");
        }
        if (read.isBlank()) {
            throw new IllegalArgumentException(where + "is empty; put the system message in it");
        }
        // as the shell's "$(cat FILE)" would give it, so that both ways send the same message
        return read.replaceFirst("\\R+\\z", "");
    }
}
