package com.example.boot;

import io.agent4j.Agent;
import io.agent4j.openai.OpenAiChatModel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The agent as a bean: built once, immutable, shared by every caller and thread. */
@Configuration
public class AgentConfiguration {

    @Bean
    OpenAiChatModel chatModel(@Value("${openai.api-key}") String apiKey,
                              @Value("${openai.base-url}") String baseUrl,
                              @Value("${openai.model}") String model) {
        return OpenAiChatModel.builder().apiKey(apiKey).baseUrl(baseUrl).model(model).build();
    }

    @Bean
    Agent calculatorAgent(OpenAiChatModel chatModel, Calculator calculator) {
        return Agent.builder()
                .model(chatModel)
                .instructions("You are a careful calculator. Use the tool for every product.")
                .tools(calculator)
                .build();
    }
}
