package io.synergy.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs the computation benchmarks and prints one table (JMH's own output comes first). */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        String include = args.length > 0 ? args[0] : RecomputeBenchmark.class.getSimpleName();
        Options options = new OptionsBuilder().include(include).build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.printf("%-45s %12s %12s%n", "benchmark", "mean (ms)", "± (99.9%)");
        for (RunResult r : results) {
            var p = r.getPrimaryResult();
            System.out.printf(
                    "%-45s %12.3f %12.3f%n",
                    r.getParams().getBenchmark().replaceAll(".*\\.", ""), p.getScore(), p.getScoreError());
        }
    }
}
