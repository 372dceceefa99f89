package io.agent4j.bench.e2e;

/** Cold-start reference: a JVM that starts from the same jar and prints a line, nothing else. */
public final class JvmOnly {

    private JvmOnly() {
    }

    public static void main(String[] args) {
        System.out.println(io.agent4j.bench.scenario.Scenario.ANSWER);
        System.out.flush();
        System.exit(0);
    }
}
