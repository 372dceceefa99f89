package io.agent4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.tool.ToolPack;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The chat example: its shipped conversation, and the packs it has. */
class ChatSessionTest {

    @Test
    void shippedSessionMatchesAFreshScriptedRun(@TempDir Path dir) throws Exception {
        ChatSession.SESSION.assertShippedMatchesAFreshRun(ChatSession.SHIPPED, dir);
    }

    @Test
    void theLaterTurnsAreSentTheEarlierOnes() throws Exception {
        JsonNode exchanges = ScriptedSession.read(ChatSession.SHIPPED).path("exchanges");

        assertThat(exchanges).hasSize(6);
        JsonNode secondTurn = exchanges.at("/2/request/messages");
        assertThat(secondTurn).hasSize(6);
        assertThat(secondTurn.at("/1/content").asString()).isEqualTo(ChatSession.PROMPTS.get(0));
        assertThat(secondTurn.at("/4/content").asString()).isEqualTo(ChatSession.ANSWERS.get(0));
        assertThat(secondTurn.at("/5/content").asString()).isEqualTo(ChatSession.PROMPTS.get(1));
        assertThat(exchanges.at("/4/response/message/tool_calls")).hasSize(2);
        assertThat(exchanges.at("/5/response/message/content").asString()).isEqualTo(ChatSession.ANSWERS.get(2));
    }

    @Test
    void theToolsAreThoseOfEveryPackOnTheClassPath() throws Exception {
        JsonNode exchanges = ScriptedSession.read(ChatSession.SHIPPED).path("exchanges");

        assertThat(ToolPack.discover(ChatExample.class.getClassLoader())).extracting(ToolPack::name)
                .contains("math", "units", "time", "files", "http");
        assertThat(ScriptedSession.toolNames(exchanges.get(0))).containsExactlyInAnyOrderElementsOf(
                ChatExample.tools(Map.of()).names()).contains("evaluate", "convert", "date_difference",
                "read_file", "http_get");
    }
}
