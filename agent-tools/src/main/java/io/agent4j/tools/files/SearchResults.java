package io.agent4j.tools.files;

import java.util.List;

/**
 * The lines that matched a search, in path order.
 *
 * @param matches the matching lines
 * @param filesSearched how many text files were read
 * @param truncated whether the search stopped at the match cap or the file cap
 * @param note null, or what was left out and why
 */
public record SearchResults(List<SearchMatch> matches, int filesSearched, boolean truncated, String note) {

    /** Creates the results; the matches are copied. */
    public SearchResults {
        matches = List.copyOf(matches);
    }
}
