package com.example.broken;

import io.agent4j.tool.Tool;

/** The tools of the pack; the test removes this class from the jar. */
public final class Helper {

    @Tool("Says hello")
    public String hello() {
        return "hello";
    }
}
