package io.agent4j.tool.notools;

/** A class of a package with no tools, for the scanning tests. */
public class Helpers {

    /** A public method without {@code @Tool}. */
    public String greet(String name) {
        return "hello " + name;
    }
}
