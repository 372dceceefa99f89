package io.agent4j.mcp.server;

import io.agent4j.tool.Param;
import io.agent4j.tool.Tool;
import io.agent4j.tool.ToolResult;
import io.agent4j.tool.ToolSpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools the official conformance suite's server scenarios call, by the names and with the
 * results its contract asks for, written as any agent4j tool is: {@code @Tool} methods, images as
 * {@link ToolResult#withImages}, and what only MCP has (log messages, progress, sampling,
 * elicitation, audio, resources) through {@link McpCall}.
 */
public final class ConformanceTools {

    /** A 1x1 red PNG. */
    static final String RED_PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Tool("Returns a simple text")
    public String test_simple_text() {
        return "This is a simple text response for testing.";
    }

    @Tool("Returns an image: a red pixel")
    public ToolResult test_image_content() {
        return ToolResult.withImages("A red pixel.", "data:image/png;base64," + RED_PIXEL);
    }

    @Tool("Returns audio: a short tone")
    public String test_audio_content() {
        call().attachAudio(wav(), "audio/wav");
        return "A short tone.";
    }

    @Tool("Returns an embedded resource")
    public String test_embedded_resource() {
        call().attachResource("test://embedded-resource", "text/plain", "This is an embedded resource content.");
        return "An embedded resource follows.";
    }

    @Tool("Returns text, an image and a resource")
    public String test_multiple_content_types() {
        McpCall call = call();
        call.attachImage(Base64.getDecoder().decode(RED_PIXEL), "image/png");
        call.attachResource("test://mixed-content-resource", "application/json", "{\"test\":\"data\",\"value\":123}");
        return "Multiple content types test:";
    }

    @Tool("Sends three log messages while it runs")
    public String test_tool_with_logging() throws InterruptedException {
        McpCall call = call();
        call.log(McpCall.Level.INFO, "Tool execution started");
        Thread.sleep(50);
        call.log(McpCall.Level.INFO, "Tool processing data");
        Thread.sleep(50);
        call.log(McpCall.Level.INFO, "Tool execution completed");
        return "Logged three messages.";
    }

    @Tool("Always fails")
    public String test_error_handling() {
        throw new IllegalStateException("This tool intentionally returns an error for testing");
    }

    @Tool("Reports its progress while it runs")
    public String test_tool_with_progress() throws InterruptedException {
        McpCall call = call();
        call.progress(0, 100, null);
        Thread.sleep(50);
        call.progress(50, 100, null);
        Thread.sleep(50);
        call.progress(100, 100, null);
        return "Progress reported.";
    }

    @Tool("Asks the client's model")
    public String test_sampling(@Param("The prompt for the model") String prompt) {
        return "LLM response: " + call().sample(prompt, 100);
    }

    @Tool("Asks the client's user for a name and an email address")
    public String test_elicitation(@Param("The message to show the user") String message) {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("username").put("type", "string").put("description", "User's response");
        properties.putObject("email").put("type", "string").put("description", "User's email address");
        schema.putArray("required").add("username").add("email");
        McpCall.Elicitation answer = call().elicit(message, schema);
        return "User response: action=" + answer.action() + ", content=" + answer.content();
    }

    @Tool("Asks the client's user, with defaults for every kind of value")
    public String test_elicitation_sep1034_defaults() {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("name").put("type", "string").put("default", "John Doe");
        properties.putObject("age").put("type", "integer").put("default", 30);
        properties.putObject("score").put("type", "number").put("default", 95.5);
        ObjectNode status = properties.putObject("status").put("type", "string");
        status.putArray("enum").add("active").add("inactive").add("pending");
        status.put("default", "active");
        properties.putObject("verified").put("type", "boolean").put("default", true);
        McpCall.Elicitation answer = call().elicit("Please review and update the form fields with defaults", schema);
        return "Elicitation completed: action=" + answer.action() + ", content=" + answer.content();
    }

    @Tool("Asks the client's user to choose, with every kind of enum")
    public String test_elicitation_sep1330_enums() {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ObjectNode untitled = properties.putObject("untitledSingle").put("type", "string");
        untitled.putArray("enum").add("option1").add("option2").add("option3");
        ObjectNode titled = properties.putObject("titledSingle").put("type", "string");
        ArrayNode oneOf = titled.putArray("oneOf");
        oneOf.addObject().put("const", "value1").put("title", "First Option");
        oneOf.addObject().put("const", "value2").put("title", "Second Option");
        oneOf.addObject().put("const", "value3").put("title", "Third Option");
        ObjectNode legacy = properties.putObject("legacyEnum").put("type", "string");
        legacy.putArray("enum").add("opt1").add("opt2").add("opt3");
        legacy.putArray("enumNames").add("Option One").add("Option Two").add("Option Three");
        ObjectNode untitledMulti = properties.putObject("untitledMulti").put("type", "array");
        untitledMulti.putObject("items").put("type", "string").putArray("enum").add("option1").add("option2")
                .add("option3");
        ObjectNode titledMulti = properties.putObject("titledMulti").put("type", "array");
        ArrayNode anyOf = titledMulti.putObject("items").putArray("anyOf");
        anyOf.addObject().put("const", "value1").put("title", "First Choice");
        anyOf.addObject().put("const", "value2").put("title", "Second Choice");
        anyOf.addObject().put("const", "value3").put("title", "Third Choice");
        McpCall.Elicitation answer = call().elicit("Please select options from the enum fields", schema);
        return "Elicitation completed: action=" + answer.action() + ", content=" + answer.content();
    }

    @Tool("Answers after a moment, for the suite's test of SSE streams closed mid-call")
    public String test_reconnection() throws InterruptedException {
        Thread.sleep(100);
        return "Reconnection test completed successfully";
    }

    /**
     * The JSON Schema 2020-12 scenario's tool, defined at run time: its schema is the scenario's
     * own, {@code $defs} and {@code $ref} included, which a schema generated from a method would inline.
     */
    static ToolSpec jsonSchemaTool() {
        String schema = """
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "type": "object",
                  "$defs": {
                    "address": {
                      "type": "object",
                      "properties": { "street": { "type": "string" }, "city": { "type": "string" } }
                    }
                  },
                  "properties": {
                    "name": { "type": "string" },
                    "address": { "$ref": "#/$defs/address" }
                  },
                  "additionalProperties": false
                }""";
        return ToolSpec.of("json_schema_2020_12_tool", "Tool with JSON Schema 2020-12 features", schema,
                (arguments, context) -> "Received " + arguments.path("name").asString() + " at "
                        + arguments.path("address"));
    }

    private static McpCall call() {
        return McpCall.current().orElseThrow(() -> new IllegalStateException("not called over MCP"));
    }

    /** A tenth of a second of a 440 Hz tone, 8 kHz 8-bit mono WAV. */
    static byte[] wav() {
        int samples = 800;
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + samples).put("WAVE".getBytes()).put("fmt ".getBytes())
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(8000)
                .putShort((short) 1).putShort((short) 8).put("data".getBytes()).putInt(samples);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        for (int i = 0; i < samples; i++) {
            out.write((int) (128 + 100 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
        }
        return out.toByteArray();
    }
}
