package io.agent4j.mcp.server;

import io.agent4j.Agent;
import io.agent4j.AgentResult;
import io.agent4j.StreamHandler;
import io.agent4j.chat.ToolCall;
import io.agent4j.chat.UserMessage;
import io.agent4j.tool.ToolContext;
import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An agent served as one tool, {@code ask_<name>}: it takes {@code {"prompt": "..."}}, runs the
 * agent on it as a fresh run, and answers with the agent's answer.
 */
final class AgentTool implements ServedTools.Handler {

    /** What an agent's name may be: the tool name {@code ask_<name>} must be a valid tool name. */
    static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,60}$");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String toolName;
    private final Agent agent;

    private AgentTool(String toolName, Agent agent) {
        this.toolName = toolName;
        this.agent = agent;
    }

    /** The tool's name for an agent called {@code name}. */
    static String toolName(String name) {
        return "ask_" + name;
    }

    /** The definition of the tool that asks {@code agent}, and the handler that runs it. */
    static ToolDefinition definition(String name, String description) {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        schema.putObject("properties").putObject("prompt").put("type", "string").put("description",
                "The question or task for the agent, in full: it sees nothing else of your conversation.");
        schema.putArray("required").add("prompt");
        schema.put("additionalProperties", false);
        String what = "Asks the " + name + " agent and returns its answer"
                + (description == null || description.isBlank() ? "." : ": " + description.strip());
        return new ToolDefinition(toolName(name), what, schema, true);
    }

    static AgentTool of(String name, Agent agent) {
        return new AgentTool(toolName(name), agent);
    }

    @Override
    public ToolResult call(String arguments, ToolContext context, McpCall call) {
        String prompt;
        try {
            prompt = prompt(arguments);
        } catch (IllegalArgumentException e) {
            return ToolResult.failure("Error: the call to tool '" + toolName + "' was not run: " + e.getMessage()
                    + ". The parameters are [prompt].");
        }
        AgentResult result;
        try {
            result = agent.stream(new UserMessage(prompt), new Progress(call), call.cancellation());
        } catch (RuntimeException e) {
            return ToolResult.failure("Error: tool '" + toolName + "' failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        if (result.refused()) {
            return ToolResult.failure("Error: the agent of tool '" + toolName + "' refused to answer: "
                    + result.refusal().orElse(""));
        }
        return ToolResult.success(result.text());
    }

    /** The prompt of the arguments, or why there is none. */
    private static String prompt(String arguments) {
        JsonNode node;
        try {
            node = JSON.readTree(arguments == null || arguments.isBlank() ? "{}" : arguments);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the arguments are not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the arguments must be a JSON object with the property 'prompt'");
        }
        List<String> problems = new ArrayList<>();
        JsonNode prompt = node.get("prompt");
        if (prompt == null || prompt.isNull()) {
            problems.add("missing required argument 'prompt' (String)");
        } else if (!prompt.isString()) {
            problems.add("argument 'prompt' is not a valid String: it is " + prompt.getNodeType().name()
                    .toLowerCase(java.util.Locale.ROOT));
        }
        for (String property : node.propertyNames()) {
            if (!property.equals("prompt")) {
                problems.add("unknown argument '" + property + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return prompt.asString();
    }

    /** Tells a client that asked for progress each step of the agent's run. */
    private static final class Progress implements StreamHandler {

        private final McpCall call;
        private int toolsStarted;

        Progress(McpCall call) {
            this.call = call;
        }

        @Override
        public void onText(String delta) {
        }

        @Override
        public void onToolStarted(int step, ToolCall toolCall) {
            call.progress(++toolsStarted, 0, "step " + step + ": calling tool " + toolCall.name());
        }
    }
}
