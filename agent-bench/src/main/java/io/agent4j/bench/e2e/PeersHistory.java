package io.agent4j.bench.e2e;

import io.agent4j.bench.scenario.LongHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A step of a long conversation through the floor, agent4j, LangChain4j and Spring AI, each in its
 * own JVM ({@link Peers}' workers) and with its own way of keeping a conversation: one step (a user
 * message and the answer) of a conversation already holding about 1k, 10k or 100k tokens, the history
 * of {@link History}. Each side starts again from the same history every
 * {@value LongHistory#STEPS_PER_HISTORY} steps; the sides take turns in slices, in an order that
 * rotates, and the sizes follow one another in every round. Prints each side's request body at each
 * size, the median step, its ratio to the floor's and the overhead over it.
 * {@code java -jar agent-bench.jar peers history [ROUNDS] [SECONDS_PER_SIZE_AND_SIDE] [SIZES]}.
 */
final class PeersHistory {

    private PeersHistory() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long millis = (long) ((args.length > 1 ? Double.parseDouble(args[1]) : 3) * 1000);
        int[] sizes = args.length > 2 ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1_000, 10_000, 100_000};
        int[] turns = Arrays.stream(sizes).map(tokens -> History.turns(tokens).size()).toArray();
        List<Peers.Side> sides = Peers.sides();
        int n = sides.size();
        Harness.printMachineLine();
        System.out.printf(Locale.ROOT, "settings: %d rounds, %d ms per size and side in each, histories of %s tokens "
                + "(%s turns)%n", rounds, millis, Arrays.toString(sizes), Arrays.toString(turns));
        long[][] bodies = new long[sizes.length][n];
        double[][][] steps = new double[sizes.length][n][rounds];
        try (StubProcess server = StubProcess.start()) {
            List<WorkerProcess> workers = new ArrayList<>();
            try {
                for (Peers.Side side : sides) {
                    workers.add(WorkerProcess.start(side.name(), side.serve(server.baseUrl())));
                }
                for (int k = 0; k < n; k++) {
                    for (int s = 0; s < sizes.length; s++) {
                        bodies[s][k] = workers.get(k).send("history-body " + turns[s]).get("bytes").longValue();
                    }
                }
                for (int s = 0; s < sizes.length; s++) {
                    for (WorkerProcess worker : workers) {
                        Harness.progress("warm-up: %s, %,d tokens", worker.name(), sizes[s]);
                        worker.send("history " + turns[s] + " " + 2 * millis);
                    }
                }
                for (int round = 0; round < rounds; round++) {
                    Harness.progress("round %d of %d", round + 1, rounds);
                    for (int s = 0; s < sizes.length; s++) {
                        List<List<Map<String, Double>>> answers = Peers.sliced(workers, "history " + turns[s], millis,
                                round);
                        for (int k = 0; k < n; k++) {
                            steps[s][k][round] = Peers.median(answers.get(k), "median");
                        }
                    }
                }
            } finally {
                for (WorkerProcess worker : workers) {
                    worker.close();
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nOne step of a long conversation: medians of %d rounds; in brackets, the median "
                + "of the rounds' ratios to the floor; the overhead is the median of the rounds' differences%n%n", rounds);
        System.out.println("| history | messages | implementation | request body (bytes) | step (µs) | overhead (µs) |");
        System.out.println("|---:|---:|---|---:|---:|---:|");
        for (int s = 0; s < sizes.length; s++) {
            for (int k = 0; k < n; k++) {
                double[] side = steps[s][k];
                double[] floor = steps[s][0];
                double[] ratios = new double[rounds];
                double[] overheads = new double[rounds];
                Arrays.setAll(ratios, r -> side[r] / floor[r]);
                Arrays.setAll(overheads, r -> side[r] - floor[r]);
                System.out.printf(Locale.ROOT, "| %,d tokens | %,d | %s | %,d (%.2f) | %,.0f (%.2f) | %s |%n", sizes[s],
                        1 + 4 * turns[s], sides.get(k).name(), bodies[s][k], (double) bodies[s][k] / bodies[s][0],
                        Harness.median(side) / 1e3, Harness.median(ratios),
                        k == 0 ? "—" : String.format(Locale.ROOT, "%,.0f", Harness.median(overheads) / 1e3));
            }
        }
        System.out.println();
        System.out.println("ratios to the floor, round by round:");
        for (int s = 0; s < sizes.length; s++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %,d tokens:", sizes[s]));
            for (int k = 1; k < n; k++) {
                double[] side = steps[s][k];
                double[] floor = steps[s][0];
                double[] ratios = new double[rounds];
                Arrays.setAll(ratios, r -> side[r] / floor[r]);
                line.append(' ').append(sides.get(k).name()).append(' ').append(Arrays.stream(ratios)
                        .mapToObj(r -> String.format(Locale.ROOT, "%.2f", r)).toList());
            }
            System.out.println(line);
        }
    }
}
