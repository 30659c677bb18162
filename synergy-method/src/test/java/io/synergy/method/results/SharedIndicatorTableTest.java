package io.synergy.method.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.model.catalogue.Indicator;
import io.synergy.model.orgunit.OrgUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One table read by many threads at once (the service shares the table of the current facts between every reader):
 * each thread sees the figures a table of its own would give it.
 */
class SharedIndicatorTableTest {

    /** Every figure and series of every unit, in one order, as text. */
    private static List<String> everything(IndicatorTable table, int from) {
        List<String> out = new ArrayList<>();
        List<OrgUnit> units = List.copyOf(CityFacts.UNITS.all());
        List<Indicator> indicators = List.copyOf(CityFacts.CATALOGUE.indicators());
        for (int u = 0; u < units.size(); u++) {
            // each thread starts elsewhere, so that the threads compute different figures at the same time
            OrgUnit unit = units.get((u + from) % units.size());
            for (Indicator i : indicators) {
                for (int y = 2020; y <= 2024; y++) {
                    out.add(unit.code() + " " + i.id() + " " + y + " " + table.get(unit.code(), i.id(), y));
                }
                out.add(unit.code() + " " + i.id() + " " + table.series(unit.code(), i));
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void threadsReadingOneTableSeeWhatATableOfTheirOwnGives() throws Exception {
        List<Fact> facts = CityFacts.years(2020, 2024);
        List<String> expected = everything(new IndicatorTable(facts, CityFacts.CATALOGUE, CityFacts.UNITS, 2020), 0);
        IndicatorTable shared = new IndicatorTable(facts, CityFacts.CATALOGUE, CityFacts.UNITS, 2020);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = t;
                Callable<List<String>> read = () -> {
                    start.await();
                    return everything(shared, from);
                };
                results.add(pool.submit(read));
            }
            start.countDown();
            for (Future<List<String>> r : results) {
                assertThat(r.get(2, TimeUnit.MINUTES)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
