package io.agent4j.examples.expenses;

/** What an expense was for, as an expense report sorts it. */
public enum Category {
    /** Trains, flights, taxis, public transport, car hire. */
    TRANSPORT,
    /** Meals and drinks. */
    MEALS,
    /** Hotels and other accommodation, with their taxes. */
    LODGING,
    /** Anything else. */
    OTHER
}
