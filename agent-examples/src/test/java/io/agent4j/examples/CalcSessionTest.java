package io.agent4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The shipped {@code sessions/calc.json} holds what {@link CalcSession} produces today (the same
 * messages, tool results included, the same tool names and the same responses), so its tool results
 * are the tools' real output. Tool schemas are not compared: the replay does not check them either.
 * With {@code -Dagent4j.writeSession=true} the test rewrites the shipped file from a fresh run.
 */
class CalcSessionTest {

    @Test
    void shippedSessionMatchesAFreshScriptedRun(@TempDir Path dir) throws Exception {
        Path fresh = dir.resolve("calc.json");
        CalcSession.write(fresh);
        if (Boolean.getBoolean("agent4j.writeSession")) {
            Files.writeString(CalcSession.SHIPPED, Files.readString(fresh));
        }
        JsonNode shipped = CalcSession.read(CalcSession.SHIPPED).path("exchanges");
        JsonNode expected = CalcSession.read(fresh).path("exchanges");
        assertThat(shipped).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode a = shipped.get(i);
            JsonNode b = expected.get(i);
            assertThat(a.at("/request/messages")).as("messages of step %d", i + 1).isEqualTo(b.at("/request/messages"));
            assertThat(toolNames(a)).as("tools of step %d", i + 1).isEqualTo(toolNames(b));
            assertThat(a.path("response")).as("response of step %d", i + 1).isEqualTo(b.path("response"));
        }
    }

    private static List<String> toolNames(JsonNode exchange) {
        return exchange.at("/request/tools").valueStream().map(t -> t.at("/function/name").asString()).toList();
    }

    @Test
    void shippedSessionIsMarkedAsScriptedAndHasTwoParallelToolCalls() throws Exception {
        JsonNode shipped = CalcSession.read(CalcSession.SHIPPED);
        assertThat(shipped.path("comment").asString()).isEqualTo(CalcSession.COMMENT);
        assertThat(shipped.path("exchanges")).hasSize(2);
        JsonNode calls = shipped.at("/exchanges/0/response/message/tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).at("/function/name").asString()).isEqualTo("evaluate");
        assertThat(calls.get(1).at("/function/name").asString()).isEqualTo("convert");
        JsonNode step2 = shipped.at("/exchanges/1/request/messages");
        assertThat(step2.get(3).path("content").asString()).isEqualTo("409.64");
        assertThat(step2.get(4).path("content").asString()).contains("7.05479238991608");
        assertThat(shipped.at("/exchanges/1/response/message/content").asString()).isEqualTo(CalcSession.ANSWER);
    }
}
