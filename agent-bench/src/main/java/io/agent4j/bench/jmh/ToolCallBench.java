package io.agent4j.bench.jmh;

import io.agent4j.bench.scenario.Scenario;
import io.agent4j.bench.scenario.Travel;
import io.agent4j.bench.scenario.TravelTools;
import io.agent4j.tool.ToolResult;
import io.agent4j.tool.Toolbox;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Argument validation, binding and invocation: {@code Toolbox.call} with the scenario's arguments
 * (a record argument, and a string with an enum), each beside the floor that parses, binds with
 * Jackson and calls the method directly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ToolCallBench {

    private static final JsonMapper FLOOR = JsonMapper.builder().build();

    private Toolbox strict;
    private Toolbox lenient;
    private TravelTools tools;

    @Setup
    public void setUp() {
        tools = new TravelTools();
        strict = Toolbox.of(tools);
        lenient = strict.lenient();
    }

    /** Toolbox.call, strict schema, with a record argument: parse, validate, bind, invoke. */
    @Benchmark
    public ToolResult recordArgument() {
        return strict.call("packingList", Scenario.PACKING_ARGUMENTS);
    }

    /** The same through the lenient schema (as with Agent.Builder.strictTools(false)). */
    @Benchmark
    public ToolResult recordArgumentLenient() {
        return lenient.call("packingList", Scenario.PACKING_ARGUMENTS);
    }

    /** Floor: parse, bind the record with Jackson, call. */
    @Benchmark
    public String recordArgumentFloor() {
        JsonNode args = FLOOR.readTree(Scenario.PACKING_ARGUMENTS);
        return Travel.packingList(FLOOR.treeToValue(args.path("trip"), Travel.Trip.class));
    }

    /** Toolbox.call with a string and an enum; the result, a record, rendered as JSON. */
    @Benchmark
    public ToolResult stringAndEnum() {
        return strict.call("weather", Scenario.WEATHER_ARGUMENTS);
    }

    /** Floor: parse, read two values, call, render the record. */
    @Benchmark
    public String stringAndEnumFloor() {
        JsonNode args = FLOOR.readTree(Scenario.WEATHER_ARGUMENTS);
        return FLOOR.writeValueAsString(Travel.weather(args.path("city").asString(),
                Travel.Unit.valueOf(args.path("unit").asString())));
    }
}
