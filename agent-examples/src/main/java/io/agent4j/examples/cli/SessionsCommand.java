package io.agent4j.examples.cli;

import io.agent4j.memory.JdbcConversationStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code agent4j sessions}: looks after the conversations {@code agent4j chat} stores. */
@Command(name = "sessions", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Looks after the sessions that 'agent4j chat' stores.",
        subcommands = SessionsCommand.Repair.class)
public final class SessionsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli calls this. */
    public SessionsCommand() {
    }

    /** Without a subcommand: says which there are. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: repair");
    }

    /**
     * {@code agent4j sessions repair}: makes a session that no longer loads usable again, dropping
     * each damaged message with the rest of its turn, and ends a turn left open by a chat that died.
     */
    @Command(name = "repair", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Makes a session that cannot be loaded usable again: deletes each damaged message "
                    + "together with the rest of its turn (the user message that began it and what followed), and ends "
                    + "a turn left open by a chat that died. The other turns are kept.",
                "Run it only while no chat is using the session."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the session was repaired, or needed no repair", "1:the conversation store failed",
                "2:usage error, or a malformed ~/.agent4j/config.properties"},
            footerHeading = "%nExamples:%n",
            footer = {"  agent4j sessions repair --session trip",
                "  agent4j sessions repair --session budget --store ~/.agent4j/budget.db"})
    public static final class Repair implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--session", paramLabel = "NAME", defaultValue = ChatCommand.DEFAULT_SESSION,
                description = "The session to repair, as 'chat --session' names it. Default '${DEFAULT-VALUE}'.")
        private String session;

        @Option(names = "--store", paramLabel = "FILE|JDBC-URL",
                description = "Where the session is kept, as for 'chat --store'. Default: store in "
                        + "~/.agent4j/config.properties, else ~/.agent4j/sessions.db.")
        private String store;

        /** Creates the command; picocli calls this. */
        public Repair() {
        }

        /** Repairs the session and says what it did on stdout. */
        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                String where = Settings.resolve(new Settings.Flags(null, null, null, null, store, null, null, null), System::getenv,
                        ConfigFile.load()).store().value();
                JdbcConversationStore.Repair repair = Stores.database(where).repair(session);
                out.println(report(repair));
                out.flush();
                return ExitCodes.OK;
            } catch (RuntimeException | Error e) {
                return Failures.report(err, e, false);
            }
        }

        private String report(JdbcConversationStore.Repair repair) {
            List<Long> deleted = repair.deleted();
            StringBuilder line = new StringBuilder("session '").append(session).append("': ");
            if (deleted.isEmpty() && !repair.endedOpenTurn()) {
                return line.append("nothing to repair (").append(repair.remaining()).append(" messages)").toString();
            }
            if (!deleted.isEmpty()) {
                line.append("dropped ").append(deleted.size()).append(" message(s) of damaged turns (numbers ")
                        .append(deleted.stream().map(String::valueOf).collect(Collectors.joining(", "))).append("); ");
            }
            if (repair.endedOpenTurn()) {
                line.append("ended a turn left open; ");
            }
            return line.append(repair.remaining()).append(" messages remain").toString();
        }
    }
}
