package com.example;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import java.util.concurrent.atomic.AtomicInteger;

/** The application's one tool. */
public class Calculator {

    final AtomicInteger calls = new AtomicInteger();

    @Tool("Multiplies two whole numbers exactly")
    public long multiply(@Param("the first factor") long a, @Param("the second factor") long b) {
        calls.incrementAndGet();
        return a * b;
    }
}
