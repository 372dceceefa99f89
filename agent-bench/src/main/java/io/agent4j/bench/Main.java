package io.agent4j.bench;

import io.agent4j.bench.e2e.Harness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar agent-bench.jar} runs the end-to-end harness ({@code --quick} for a short run);
 * {@code java -jar agent-bench.jar jmh [JMH options]} runs the JMH suite (by default with
 * {@code -prof gc}; any JMH option, such as a benchmark regex, may follow);
 * {@code variants [SECONDS] [THREADS]} attributes agent4j's overhead with configuration variants;
 * {@code cold [SAMPLES]} measures cold start alone;
 * {@code peers [ROUNDS]} sets the floor, agent4j, LangChain4j and Spring AI side by side, each in its own JVM,
 * and {@code peers history [ROUNDS] [SECONDS] [SIZES]} the same four in a long conversation;
 * {@code streaming [ROUNDS] [SECONDS]} times streamed answers through agent4j against a streaming floor;
 * {@code cold-phases [SAMPLES]} splits a cold start into timed phases;
 * {@code profile agent4j|plain|floor SECONDS THREADS} runs one implementation alone for a profiler;
 * {@code jfr-top FILE.jfr [N] [filter]} summarises a flight recording;
 * {@code history [ROUNDS] [SECONDS] [SIZES]} measures a step of a long conversation;
 * {@code store [ROUNDS] [MESSAGES]} loads and appends to a long conversation in SQLite and PostgreSQL;
 * {@code inflight [IN_FLIGHT] [ROUNDS] [peers]} keeps a thousand runs in flight against a stub that answers after
 * 200 ms (with {@code peers}, LangChain4j and Spring AI too).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            List<String> jmh = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
            if (!jmh.contains("-prof") && !jmh.contains("-h") && !jmh.contains("-l")) {
                jmh.add("-prof");
                jmh.add("gc");
            }
            org.openjdk.jmh.Main.main(jmh.toArray(String[]::new));
        } else if (args.length > 0 && args[0].equals("profile")) {
            io.agent4j.bench.e2e.Profile.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("variants")) {
            io.agent4j.bench.e2e.Variants.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("cold")) {
            Harness.coldOnly(args.length > 1 ? Integer.parseInt(args[1]) : 9);
        } else if (args.length > 0 && args[0].equals("peers")) {
            io.agent4j.bench.e2e.Peers.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("streaming")) {
            io.agent4j.bench.e2e.Streaming.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("cold-phases")) {
            io.agent4j.bench.e2e.ColdPhases.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("history")) {
            io.agent4j.bench.e2e.History.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("store")) {
            io.agent4j.bench.e2e.StoreBench.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("inflight")) {
            io.agent4j.bench.e2e.InFlight.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("jfr-top")) {
            JfrTop.main(Arrays.copyOfRange(args, 1, args.length));
        } else {
            Harness.main(args);
        }
    }
}
