package io.agent4j.tools.sql;

/**
 * Runs one query through {@link SqlTools} and prints its note; as a program, for the test that runs
 * it in a JVM with a small heap: {@code HugeCellQuery JDBC-URL SQL}.
 */
final class HugeCellQuery {

    private HugeCellQuery() {
    }

    /** Prints the note of the query's result, or lets its failure end the program. */
    public static void main(String[] args) throws Exception {
        System.out.println(new SqlTools(args[0], 10).query(args[1]).note());
    }
}
