package io.agent4j.examples.cli;

import io.agent4j.tool.ToolDefinition;
import io.agent4j.tool.Toolbox;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Prints tools for {@code agent4j tools}: grouped for people, or as one JSON array for programs. */
final class ToolListing {

    /** Where a signature wider than this pushes its description further right. */
    private static final int MAX_SIGNATURE_COLUMN = 48;
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * The tools of one source.
     *
     * @param title the source, such as {@code pack math: Exact arithmetic}
     * @param tools what it offers
     */
    record Group(String title, Toolbox tools) {
    }

    private ToolListing() {
    }

    /** Each group's title, then one line per tool: its signature and its description. */
    static void printText(PrintWriter out, List<Group> groups) {
        for (int i = 0; i < groups.size(); i++) {
            if (i > 0) {
                out.println();
            }
            out.println(groups.get(i).title());
            List<ToolDefinition> tools = groups.get(i).tools().definitions();
            List<String> signatures = tools.stream().map(ToolSignature::of).toList();
            int width = Math.min(MAX_SIGNATURE_COLUMN, signatures.stream().mapToInt(String::length).max().orElse(0));
            for (int t = 0; t < tools.size(); t++) {
                out.printf("  %-" + width + "s  %s%n", signatures.get(t), Failures.oneLine(tools.get(t).description()));
            }
        }
        out.flush();
    }

    /**
     * One JSON array of the tools as a request's {@code tools} carries them:
     * {@code {"type": "function", "function": {"name", "description", "parameters", "strict"}}}.
     */
    static void printJson(PrintWriter out, Collection<ToolDefinition> tools) {
        ArrayNode array = JSON.createArrayNode();
        for (ToolDefinition tool : tools) {
            ObjectNode function = array.addObject().put("type", "function").putObject("function");
            function.put("name", tool.name());
            function.put("description", tool.description());
            function.set("parameters", tool.parameters());
            function.put("strict", tool.strict());
        }
        out.println(JSON.writeValueAsString(array));
        out.flush();
    }
}
