package io.agent4j.tool.notools;

/** A second class of a package with no tools, for the scanning tests. */
public class MoreHelpers {

    /** A public method without {@code @Tool}. */
    public int twice(int value) {
        return value * 2;
    }
}
