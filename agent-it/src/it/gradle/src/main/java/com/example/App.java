package com.example;

import io.agent4j.Agent;
import io.agent4j.openai.OpenAiChatModel;

/** Answers the prompt given as the first argument; the model comes from OPENAI_API_KEY and OPENAI_BASE_URL. */
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
    }
}
