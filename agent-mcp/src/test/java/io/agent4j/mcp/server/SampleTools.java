package io.agent4j.mcp.server;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import io.agent4j.tool.ToolResult;

/** Tools the server tests serve: plain values, a record, a failure, a slow tool, an image, a careless print. */
public final class SampleTools {

    /** A point, returned as a record. */
    public record Point(double x, double y) {
    }

    @Tool("Adds two integers")
    public int add(@Param("The first") int a, @Param("The second") int b) {
        return a + b;
    }

    @Tool("The point at these coordinates")
    public Point point(double x, double y) {
        return new Point(x, y);
    }

    @Tool("Looks a thing up, and never finds it")
    public String lookup(String thing) {
        throw new IllegalArgumentException("no such thing: " + thing);
    }

    @Tool(value = "Takes its time", timeoutMillis = 300)
    public String slow() throws InterruptedException {
        Thread.sleep(30_000);
        return "finally";
    }

    @Tool("A red pixel")
    public ToolResult pixel() {
        return ToolResult.withImages("A red pixel.", "data:image/png;base64," + ConformanceTools.RED_PIXEL);
    }

    @Tool("Says hello, and prints on System.out while it does")
    public String hello(String name) {
        System.out.println("a careless print from the hello tool");
        return "Hello, " + name + "!";
    }
}
