package io.agent4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.examples.FilesSession;
import io.agent4j.examples.SqlSession;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --tool-config} reaches the examples that have settings: the folder of files, the database of sql. */
class ExampleSettingsTest {

    @TempDir
    Path dir;

    @Test
    void theFilesExampleReadsTheFolderOfTheSettingAndTheReplayHoldsTheRefusalOfAPathAboveIt() throws Exception {
        Path recording = dir.resolve("outside.json");
        FilesSession.OUTSIDE.write(recording);

        Cli.Result result = Cli.run("run", "--quiet", "--example", "files", "--tool-config",
                "files.root=" + FilesSession.FOLDER, "--replay", recording.toString(), FilesSession.OUTSIDE_PROMPT);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().strip()).isEqualTo(FilesSession.OUTSIDE_ANSWER);
    }

    @Test
    void theFilesExampleOnAnotherFolderDoesNotMatchTheShippedSession() {
        Cli.Result result = Cli.run("run", "--quiet", "--example", "files", "--replay",
                FilesSession.SHIPPED.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err()).contains("diverged at step 2");
    }

    @Test
    void theFilesExampleRefusesToWrite() {
        Cli.Result result = Cli.run("run", "--quiet", "--example", "files", "--tool-config", "files.writable=true",
                "--replay", FilesSession.SHIPPED.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err()).contains("read-only");
    }

    @Test
    void theSqlExamplePutsItsDatabaseInTheFolderOfTheSetting() {
        Path folder = dir.resolve("shop");

        Cli.Result result = Cli.run("run", "--quiet", "--example", "sql", "--tool-config", "sql.dir=" + folder,
                "--replay", SqlSession.SHIPPED.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out().strip()).isEqualTo(SqlSession.ANSWER);
        assertThat(folder.resolve("shop-v1.db")).isRegularFile();
    }

    @Test
    void aMisspeltSettingOfTheSqlExampleFailsNamingTheRightOne() {
        Cli.Result result = Cli.run("run", "--quiet", "--example", "sql", "--tool-config", "sql.folder=" + dir,
                "--replay", SqlSession.SHIPPED.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.err()).contains("sql.folder").contains("sql.dir");
    }
}
