package io.agent4j.test;

import java.util.Arrays;
import java.util.Locale;

/** What an {@link AgentTest}'s cassettes do. */
public enum CassetteMode {

    /** Answer from the cassette only; a missing cassette, or a run that goes past its end, fails. The default. */
    REPLAY,

    /** Call the live model for every request and write the cassette anew. */
    RECORD,

    /**
     * Replay what the cassette holds and record what it lacks: a missing cassette is recorded, and a
     * run that goes past its end has the further exchanges recorded and added. A request that differs
     * from a recorded one still fails: record again to replace it.
     */
    AUTO;

    /** The system property (or JUnit configuration parameter) that chooses the mode. */
    public static final String PROPERTY = "agent4j.cassette.mode";

    /** The environment variable that chooses the mode when the property is not set. */
    public static final String ENVIRONMENT = "AGENT4J_CASSETTE_MODE";

    /**
     * The mode named {@code value} ({@code replay}, {@code record} or {@code auto}, in any case).
     *
     * @throws IllegalArgumentException naming the setting and the values it takes
     */
    public static CassetteMode of(String value, String setting) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is '" + value + "'; it takes "
                    + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT)).toList() + ".", e);
        }
    }

    /** The mode the property (if given) or else the environment variable (if given) names; else {@link #REPLAY}. */
    static CassetteMode choose(String property, String environment) {
        if (property != null && !property.isBlank()) {
            return of(property, "The setting " + PROPERTY);
        }
        if (environment != null && !environment.isBlank()) {
            return of(environment, "The environment variable " + ENVIRONMENT);
        }
        return REPLAY;
    }

    /** The mode's name as it is written in the setting. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
