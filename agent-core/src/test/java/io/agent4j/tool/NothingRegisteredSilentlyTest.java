package io.agent4j.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agent4j.Agent;
import io.agent4j.errors.ToolRegistrationException;
import io.agent4j.testing.TravelTools;
import io.agent4j.tool.notools.Helpers;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Registrations that would offer nothing are refused, saying what was found and what to do: a
 * package with no tools, an object or class with none, and methods annotated with another
 * framework's {@code @Tool}.
 */
class NothingRegisteredSilentlyTest {

    public static class LangChainStyle {
        @dev.langchain4j.agent.tool.Tool("Current weather for a city")
        public String weather(String city) {
            return "sunny";
        }
    }

    public static class SpringAiStyle {
        @org.springframework.ai.tool.annotation.Tool(description = "Current weather for a city")
        public String weather(String city) {
            return "sunny";
        }
    }

    public static class HalfMigrated {
        @Tool("Local time in a city")
        public String time(String city) {
            return "09:00";
        }

        @dev.langchain4j.agent.tool.Tool("Current weather for a city")
        public String weather(String city) {
            return "sunny";
        }
    }

    public static class BothFrameworks {
        @Tool("Current weather for a city")
        @dev.langchain4j.agent.tool.Tool("Current weather for a city")
        public String weather(String city) {
            return "sunny";
        }
    }

    @Test
    void aPackageWithNoClassesIsRefusedSuggestingTheNearestPackageWithTools() {
        assertThatThrownBy(() -> Toolbox.scan("io.agent4j.tool.scaned"))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("found no classes in package io.agent4j.tool.scaned")
                .hasMessageContaining("did you mean io.agent4j.tool.scanned?");
    }

    @Test
    void aPackageWhoseClassesHaveNoToolsIsRefusedCountingThem() {
        assertThatThrownBy(() -> Toolbox.scan("io.agent4j.tool.notools"))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("found 2 classes in io.agent4j.tool.notools, none with a public "
                        + "io.agent4j.tool.Tool method")
                .hasMessageContaining("@Tool(\"what it does\")");
    }

    @Test
    void eachPackageScannedMustHoldTools() {
        assertThatThrownBy(() -> Agent.builder().toolsFrom("io.agent4j.tool.scanned", "io.agent4j.tool.notools"))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("io.agent4j.tool.notools")
                .hasMessageNotContaining("in io.agent4j.tool.scanned,");
    }

    @Test
    void aScannedClassWithLangChain4jToolsIsRefusedNamingTheAnnotationAndTheFix() {
        assertThatThrownBy(() -> Toolbox.scan("io.agent4j.tool.foreign"))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("io.agent4j.tool.foreign.LangChainTools.hello(String) is annotated with "
                        + "dev.langchain4j.agent.tool.Tool, which agent4j does not read: use io.agent4j.tool.Tool");
    }

    @Test
    void anObjectWithoutToolsIsRefused() {
        assertThatThrownBy(() -> Agent.builder().tools(new Helpers()))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("io.agent4j.tool.notools.Helpers has no public method annotated with "
                        + "io.agent4j.tool.Tool")
                .hasMessageContaining("@Tool(\"what it does\")");
    }

    @Test
    void aClassWithoutToolsIsRefused() {
        assertThatThrownBy(() -> Toolbox.of(Helpers.class))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("io.agent4j.tool.notools.Helpers has no public method annotated with "
                        + "io.agent4j.tool.Tool");
    }

    @Test
    void aCollectionOfToolObjectsIsRefusedWithTheFix() {
        assertThatThrownBy(() -> Toolbox.of(List.of(new TravelTools())))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("a collection")
                .hasMessageContaining("toArray()");
    }

    @Test
    void langChain4jToolOnAnObjectIsRefusedNamingTheAnnotationAndTheFix() {
        assertThatThrownBy(() -> Toolbox.of(new LangChainStyle()))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining(LangChainStyle.class.getName() + ".weather(String) is annotated with "
                        + "dev.langchain4j.agent.tool.Tool, which agent4j does not read: use io.agent4j.tool.Tool");
    }

    @Test
    void springAiToolOnAnObjectIsRefusedNamingTheAnnotationAndTheFix() {
        assertThatThrownBy(() -> Agent.builder().tools(new SpringAiStyle()))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining(SpringAiStyle.class.getName() + ".weather(String) is annotated with "
                        + "org.springframework.ai.tool.annotation.Tool, which agent4j does not read: use "
                        + "io.agent4j.tool.Tool");
    }

    @Test
    void aForeignToolBesideAgent4jToolsIsStillRefused() {
        assertThatThrownBy(() -> Toolbox.of(new HalfMigrated()))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining(HalfMigrated.class.getName() + ".weather(String) is annotated with "
                        + "dev.langchain4j.agent.tool.Tool");
    }

    @Test
    void aMethodThatAlsoCarriesAgent4jsToolIsATool() {
        assertThat(Toolbox.of(new BothFrameworks()).names()).containsExactly("weather");
    }
}
