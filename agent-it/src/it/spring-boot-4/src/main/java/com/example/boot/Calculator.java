package com.example.boot;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** The application's tools: a Spring component like any other, whose @Tool methods the agent may call. */
@Component
public class Calculator {

    private final AtomicInteger calls = new AtomicInteger();

    @Tool("Multiplies two whole numbers exactly")
    public long multiply(@Param("the first factor") long a, @Param("the second factor") long b) {
        calls.incrementAndGet();
        return a * b;
    }

    /** How many times the model has had a product computed. */
    public int calls() {
        return calls.get();
    }
}
