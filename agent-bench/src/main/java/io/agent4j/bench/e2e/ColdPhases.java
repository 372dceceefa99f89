package io.agent4j.bench.e2e;

import io.agent4j.Agent;
import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.scenario.TravelTools;
import io.agent4j.openai.OpenAiChatModel;
import io.agent4j.tool.Tool;
import io.agent4j.tool.Toolbox;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import java.lang.reflect.Type;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.OkHttpClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a cold start goes: fresh JVMs that do the work of a first run in separate, timed phases
 * (agent4j's phases split open what {@code Agent.builder()...build()} does: the first use of
 * victools and networknt, called directly, then agent4j's API), medians over samples.
 * {@code java -jar agent-bench.jar cold-phases [samples]}.
 */
public final class ColdPhases {

    private ColdPhases() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, Map<String, List<Double>>> phases = new LinkedHashMap<>();
        try (StubProcess server = StubProcess.start()) {
            for (int i = 0; i < samples; i++) {
                for (String side : (i & 1) == 0 ? List.of("agent4j", "floor") : List.of("floor", "agent4j")) {
                    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                            Child.class.getName(), side, server.baseUrl())
                            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                            StandardCharsets.UTF_8))) {
                        for (String line; (line = out.readLine()) != null; ) {
                            String[] parts = line.split("=");
                            phases.computeIfAbsent(side, s -> new LinkedHashMap<>())
                                    .computeIfAbsent(parts[0], p -> new ArrayList<>()).add(Double.parseDouble(parts[1]));
                        }
                    }
                    process.waitFor();
                }
            }
        }
        for (var side : phases.entrySet()) {
            System.out.printf(Locale.ROOT, "%n%s, median of %d fresh JVMs (ms):%n", side.getKey(), samples);
            double total = 0;
            for (var phase : side.getValue().entrySet()) {
                double median = Harness.median(phase.getValue().stream().mapToDouble(Double::doubleValue).toArray());
                total += median;
                System.out.printf(Locale.ROOT, "  %-48s %6.1f%n", phase.getKey(), median);
            }
            System.out.printf(Locale.ROOT, "  %-48s %6.1f%n", "sum of medians (after main starts)", total);
        }
    }

    /** One fresh JVM: prints {@code phase=millis} lines. */
    public static final class Child {

        private static long last;

        public static void main(String[] args) {
            last = System.nanoTime();
            String baseUrl = args[1];
            OkHttpClient http = new OkHttpClient();
            mark("new OkHttpClient() (TLS, Kotlin, okio)");
            JsonMapper.builder().build().readTree("{\"a\":[1,\"x\"]}");
            mark("first Jackson mapper and parse");
            if (args[0].equals("floor")) {
                FloorRunner floor = new FloorRunner(baseUrl, http);
                mark("floor: tool JSON parsed");
                floor.run();
                mark("first run (2 HTTP exchanges, tools)");
                return;
            }
            SchemaGenerator victools = new SchemaGenerator(new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                    OptionPreset.PLAIN_JSON).with(new JacksonModule()).build());
            mark("victools: its generator");
            List<ObjectNode> schemas = new ArrayList<>();
            for (Method method : TravelTools.class.getMethods()) {
                if (method.isAnnotationPresent(Tool.class)) {
                    for (Type parameter : method.getGenericParameterTypes()) {
                        schemas.add(victools.generateSchema(parameter));
                    }
                }
            }
            mark("victools: first use (the tools' parameter types)");
            var registry = com.networknt.schema.SchemaRegistry.withDefaultDialect(
                    com.networknt.schema.SpecificationVersion.DRAFT_2020_12);
            for (ObjectNode schema : schemas) {
                ObjectNode copy = schema.deepCopy();
                copy.put("$schema", "https://json-schema.org/draft/2020-12/schema");
                registry.getSchema(copy.toString());
            }
            mark("networknt: registry and first validators");
            Toolbox toolbox = Toolbox.of(new TravelTools());
            mark("Toolbox.of (both schemas and validators again)");
            OpenAiChatModel model = OpenAiChatModel.builder().apiKey("sk-bench").baseUrl(baseUrl)
                    .model(Scenario.MODEL).build();
            mark("OpenAiChatModel.build");
            Agent agent = Agent.builder().model(model).instructions(Scenario.INSTRUCTIONS).tools(toolbox)
                    .maxSteps(4).build();
            mark("Agent.build (price table, store)");
            agent.run(Scenario.PROMPT);
            mark("first run (2 HTTP exchanges, tools)");
        }

        private static void mark(String phase) {
            long now = System.nanoTime();
            System.out.printf(Locale.ROOT, "%s=%.2f%n", phase, (now - last) / 1e6);
            last = now;
        }
    }
}
