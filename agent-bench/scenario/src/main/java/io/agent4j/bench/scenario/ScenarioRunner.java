package io.agent4j.bench.scenario;

/** One implementation of the scenario: {@link #run()} performs the whole two-step exchange. Thread-safe. */
public interface ScenarioRunner {

    /** Runs the scenario once and returns the final answer. */
    String run();

    /** The implementation's name in the tables. */
    String name();
}
