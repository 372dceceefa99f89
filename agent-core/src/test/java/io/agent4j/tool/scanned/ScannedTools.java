package io.agent4j.tool.scanned;

import io.agent4j.tool.Tool;

/** Found by the scanning test. */
public class ScannedTools {

    @Tool("Says hello")
    public String hello(String name) {
        return "hello " + name;
    }

    @Tool("Doubles a number")
    public static long twice(long value) {
        return value * 2;
    }
}
