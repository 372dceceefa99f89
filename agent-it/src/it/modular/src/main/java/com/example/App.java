package com.example;

import io.agent4j.Agent;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.tool.ToolPack;
import io.agent4j.tools.math.MathPack;

/** Answers the prompt given as the first argument, and says which modules agent4j's classes came from. */
public class App {

    public static void main(String[] args) {
        Calculator calculator = new Calculator();
        Agent agent = Agent.builder()
                .model(OpenAiChatModel.fromEnv())
                .instructions("You are a careful calculator. Use the tool for every product.")
                .tools(calculator)
                .build();
        System.out.println("answer: " + agent.run(args[0]).text());
        System.out.println("multiply ran " + calculator.calls.get() + " time(s)");
        System.out.println("packs: " + ToolPack.discover(App.class.getClassLoader()).stream().map(ToolPack::name).toList());
        System.out.println("modules: " + Agent.class.getModule().getName() + " " + MathPack.class.getModule().getName()
                + " " + App.class.getModule().getName());
    }
}
