package io.agent4j;

import static io.agent4j.testing.ChatServer.answer;
import static io.agent4j.testing.ChatServer.requests;
import static io.agent4j.testing.ChatServer.script;
import static io.agent4j.testing.ChatServer.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.agent4j.testing.ChatServer;
import io.agent4j.tool.Tool;
import io.agent4j.tool.ToolSpec;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Arguments that break the tool's schema below the top level, where binding alone would let them
 * through (a nested record's missing field binds to {@code null}, an enum's index to the constant
 * at that index), never reach the tool: it does not run, and the model reads which value was wrong
 * and why, by its JSON path, so that it can call again.
 */
class ArgumentValidationTest {

    @RegisterExtension
    static WireMockExtension server = ChatServer.extension();

    /** Tools that count their calls. */
    public static class Bookings {
        final AtomicInteger calls = new AtomicInteger();

        public record Passport(String number, String country) {
        }

        public record Traveller(String name, Passport passport) {
        }

        public enum Cabin { ECONOMY, BUSINESS }

        public record Seat(int row, Cabin cabin) {
        }

        @Tool("Books a flight for a traveller")
        public String book(Traveller traveller) {
            calls.incrementAndGet();
            return "booked for passport " + traveller.passport().number();
        }

        @Tool("Changes the cabin of a booking")
        public String upgrade(String booking, Cabin cabin) {
            calls.incrementAndGet();
            return booking + " is now " + cabin;
        }

        @Tool("Picks a seat")
        public String seat(Seat seat) {
            calls.incrementAndGet();
            return "row " + seat.row() + " in " + seat.cabin();
        }
    }

    private final Bookings bookings = new Bookings();

    /** Runs one call of {@code tool} with {@code arguments}; returns what the model was sent back for it. */
    private String toolMessageFor(Object tools, String tool, String arguments) {
        server.resetAll();
        script(server, toolCalls(new String[] {"call_1", tool, arguments}), answer("Sorry."));
        Agent.builder().model(ChatServer.model(server).build()).tools(tools).build().run("Go.");
        JsonNode messages = requests(server).get(1).path("messages");
        JsonNode result = messages.get(messages.size() - 1);
        assertThat(result.path("role").asString()).isEqualTo("tool");
        assertThat(result.path("tool_call_id").asString()).isEqualTo("call_1");
        return result.path("content").asString();
    }

    @Test
    void aNestedRecordMissingARequiredFieldDoesNotRunTheTool() {
        String told = toolMessageFor(bookings, "book", "{\"traveller\":{\"name\":\"Kim\",\"passport\":{\"country\":\"KR\"}}}");

        assertThat(bookings.calls).hasValue(0);
        assertThat(told).startsWith("Error: the call to tool 'book' was not run: the arguments do not match the tool's "
                + "schema: $.traveller.passport: required property 'number' not found").endsWith("Fix them and call again.");
    }

    @Test
    void aNestedRecordWithANullRequiredFieldDoesNotRunTheTool() {
        String told = toolMessageFor(bookings, "book",
                "{\"traveller\":{\"name\":\"Kim\",\"passport\":{\"number\":null,\"country\":\"KR\"}}}");

        assertThat(bookings.calls).hasValue(0);
        assertThat(told).contains("$.traveller.passport.number: null found, string expected");
    }

    @Test
    void anEnumValueThatIsNotOneOfItsConstantsDoesNotRunTheTool() {
        String told = toolMessageFor(bookings, "upgrade", "{\"booking\":\"B1\",\"cabin\":\"FIRST\"}");

        assertThat(bookings.calls).hasValue(0);
        assertThat(told).startsWith("Error: the call to tool 'upgrade' was not run: the arguments do not match the tool's "
                + "schema: $.cabin: does not have a value in the enumeration [\"ECONOMY\", \"BUSINESS\"]");
    }

    @Test
    void anEnumGivenByItsIndexInANestedRecordDoesNotRunTheTool() {
        // Jackson alone would bind 1 to BUSINESS
        String told = toolMessageFor(bookings, "seat", "{\"seat\":{\"row\":12,\"cabin\":1}}");

        assertThat(bookings.calls).hasValue(0);
        assertThat(told).contains("$.seat.cabin: integer found, string expected");
    }

    @Test
    void aRunTimeToolIsNotCalledWithArgumentsItsSchemaRefuses() {
        AtomicInteger calls = new AtomicInteger();
        ToolSpec tool = ToolSpec.of("ship", "Ships a parcel", """
                {"type":"object","properties":{"parcel":{"type":"object","properties":{
                "weightKg":{"type":"number"},"speed":{"type":"string","enum":["standard","express"]}},
                "required":["weightKg","speed"],"additionalProperties":false}},"required":["parcel"],
                "additionalProperties":false}
                """, (arguments, context) -> "shipped " + calls.incrementAndGet());

        String missing = toolMessageFor(tool, "ship", "{\"parcel\":{\"speed\":\"express\"}}");
        String notAllowed = toolMessageFor(tool, "ship", "{\"parcel\":{\"weightKg\":2,\"speed\":\"overnight\"}}");

        assertThat(calls).hasValue(0);
        assertThat(missing).contains("$.parcel: required property 'weightKg' not found");
        assertThat(notAllowed).contains("$.parcel.speed: does not have a value in the enumeration");
    }

    @Test
    void theSameCallWithValidArgumentsRunsTheTool() {
        String told = toolMessageFor(bookings, "seat", "{\"seat\":{\"row\":12,\"cabin\":\"BUSINESS\"}}");

        assertThat(bookings.calls).hasValue(1);
        assertThat(told).isEqualTo("row 12 in BUSINESS");
    }
}
