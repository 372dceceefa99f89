package io.agent4j.test;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;

/** The tools of the kit's tests: they run for real. */
public class Calculator {

    @Tool("Adds two whole numbers")
    public long add(@Param("the first") long a, @Param("the second") long b) {
        return a + b;
    }

    @Tool("Divides a by b")
    public long divide(@Param("the dividend") long a, @Param("the divisor") long b) {
        return a / b;
    }
}
