package com.example;

import io.agent4j.openai.OpenAiChatModel;

/** Makes the first agent4j object, as any application does first. */
public class App {

    public static void main(String[] args) {
        System.out.println("model: " + OpenAiChatModel.fromEnv().model());
    }
}
