package com.example.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agent4j.Agent;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Answers the prompt given on the command line and prints the answer as JSON, written by Boot's ObjectMapper. */
@SpringBootApplication
public class ConsumerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsumerApplication.class, args);
    }

    /** What the application prints. */
    record Reply(String answer, int toolCalls) {
    }

    @Bean
    ApplicationRunner ask(Agent agent, Calculator calculator, ObjectMapper objectMapper) {
        return args -> {
            String answer = agent.run(String.join(" ", args.getNonOptionArgs())).text();
            System.out.println(objectMapper.writeValueAsString(new Reply(answer, calculator.calls())));
        };
    }
}
