package io.agent4j.tool.foreign;

import dev.langchain4j.agent.tool.Tool;

/** Tools written for LangChain4j, which agent4j does not read; found by the scanning tests. */
public class LangChainTools {

    /** Annotated with LangChain4j's {@code @Tool} only. */
    @Tool("Says hello")
    public String hello(String name) {
        return "hello " + name;
    }
}
