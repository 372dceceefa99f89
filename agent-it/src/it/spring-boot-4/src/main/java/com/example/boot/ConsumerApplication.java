package com.example.boot;

import io.agent4j.Agent;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/** Answers the prompt given on the command line and prints the answer as JSON, written by Boot's JsonMapper. */
@SpringBootApplication
public class ConsumerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsumerApplication.class, args);
    }

    /** What the application prints. */
    record Reply(String answer, int toolCalls) {
    }

    @Bean
    ApplicationRunner ask(Agent agent, Calculator calculator, JsonMapper jsonMapper) {
        return args -> {
            String answer = agent.run(String.join(" ", args.getNonOptionArgs())).text();
            System.out.println(jsonMapper.writeValueAsString(new Reply(answer, calculator.calls())));
        };
    }
}
