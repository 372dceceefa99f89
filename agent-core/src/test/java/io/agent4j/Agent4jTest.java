package io.agent4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Agent4jTest {

    @Test
    void theVersionIsTheOneTheBuildMade() {
        String built = System.getProperty("agent4j.builtVersion");
        assertThat(built).as("agent4j.builtVersion, set by agent-core's pom for surefire").isNotBlank();

        assertThat(Agent4j.VERSION).isEqualTo(built);
    }
}
