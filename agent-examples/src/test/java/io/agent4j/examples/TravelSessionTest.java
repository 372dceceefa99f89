package io.agent4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.Toolbox;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The travel example: its shipped session, and the tools found by scanning. */
class TravelSessionTest {

    @Test
    void shippedSessionMatchesAFreshScriptedRun(@TempDir Path dir) throws Exception {
        TravelSession.SESSION.assertShippedMatchesAFreshRun(TravelSession.SHIPPED, dir);
    }

    @Test
    void theSessionCallsThreeToolsAtOnceOneWithARecord() throws Exception {
        JsonNode exchanges = ScriptedSession.read(TravelSession.SHIPPED).path("exchanges");

        assertThat(exchanges).hasSize(2);
        assertThat(exchanges.at("/0/response/message/tool_calls")).hasSize(3);
        assertThat(exchanges.at("/0/response/message/tool_calls/0/function/arguments").asString())
                .startsWith("{\"trip\":{");
        assertThat(exchanges.at("/1/request/messages/3/content").asString())
                .contains("\"arrivalLocalTime\":\"2026-03-28T14:20:00\"");
        assertThat(exchanges.at("/1/response/message/content").asString()).isEqualTo(TravelSession.ANSWER);
    }

    @Test
    void scanningFindsTheCityToolsAndTheTimeToolsWithTheirInheritedTools() {
        Toolbox tools = TravelExample.tools();

        assertThat(tools.names()).containsExactlyInAnyOrder("city_info", "city_distance", "flight_arrival",
                "time_now", "date_difference", "add_period", "convert_time_zone");
    }

    @Test
    void theTripRecordIsAnObjectInTheSchema() {
        ToolDefinition arrival = TravelExample.tools().definitions().stream()
                .filter(tool -> tool.name().equals("flight_arrival")).findFirst().orElseThrow();
        String schema = arrival.parameters().toString();

        assertThat(schema).contains("\"trip\":{").contains("\"from\"").contains("\"to\"").contains("\"departure\"")
                .contains("\"flightTime\"").contains("PT11H50M");
    }

    @Test
    void aFlightTimeThatIsNotPositiveIsRefused() {
        String result = TravelExample.tools().call("flight_arrival",
                "{\"trip\":{\"from\":\"Seoul\",\"to\":\"Paris\",\"departure\":\"2026-03-28T10:30\",\"flightTime\":\"PT0S\"}}")
                .content();

        assertThat(result).contains("The flight time must be positive");
    }

    @Test
    void theArrivalCrossesTheDateLineAndDaylightSavingCorrectly() {
        // Los Angeles to Tokyo: 11 h 30 min from 2026-03-08T13:00, the day US clocks go forward.
        String result = TravelExample.tools().call("flight_arrival",
                "{\"trip\":{\"from\":\"Los Angeles\",\"to\":\"Tokyo\",\"departure\":\"2026-03-08T13:00\","
                        + "\"flightTime\":\"PT11H30M\"}}").content();

        assertThat(result).contains("\"departs\":\"2026-03-08T13:00:00-07:00[America/Los_Angeles]\"")
                .contains("\"arrivalLocalTime\":\"2026-03-09T16:30:00\"").contains("\"arrivalDay\":\"MONDAY\"")
                .contains("\"clockDifference\":\"16 h ahead\"");
    }
}
