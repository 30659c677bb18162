package io.synergy.aggregation.recompute;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.synergy.method.results.IndicatorTable;
import io.synergy.model.orgunit.OrgUnits;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How fresh the results are, end to end. For every result (org unit and year) the newest input it reflects is the newest
 * {@code computedAt} (when a sector service computed the value from a report) among the facts under that unit in that year.
 * <ul>
 * <li>{@code synergy_result_freshness_seconds} (histogram): for each result a recompute changed, from its newest input being computed
 * to the result being stored — the report-to-result latency, combinable across replicas.</li>
 * <li>{@code synergy_result_input_age_seconds{org_unit, year}}: the age of the newest input the stored result reflects; a result
 * not yet computed since this instance started has no series (unknown, not NaN).</li>
 * </ul>
 */
@ApplicationScoped
public class ResultFreshness {

    private final MeterRegistry registry;
    private final Timer freshness;
    private final Map<String, Instant> newestReflected = new ConcurrentHashMap<>();

    ResultFreshness(MeterRegistry registry) {
        this.registry = registry;
        this.freshness = Timer.builder("synergy.result.freshness")
                .description(
                        "From the newest input of a result being computed by its sector service to the changed result being stored")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
    }

    /**
     * The newest input of the results the facts written after {@code version} reflect on, by {@code orgUnit:year}: their
     * newest computedAt per unit and year, rolled up to every unit whose figures include them
     * ({@link IndicatorTable#reflecting}). Only those facts are read (each carries the version that wrote it): a pass
     * after one enterprise's report reads its facts, not the newest of every unit's 1.5 million at city scale. A result
     * that changed without a new fact behind it (a year closed, a target, a moved unit) has no new input to measure.
     */
    Map<String, Instant> newestInputs(Connection c, OrgUnits units, long version) throws SQLException {
        Map<String, Instant> newest = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT org_unit, year, max(computed_at) FROM indicator_fact WHERE version > ? GROUP BY org_unit, year")) {
            ps.setLong(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant at = rs.getTimestamp(3).toInstant();
                    int year = rs.getInt(2);
                    for (String unit : IndicatorTable.reflecting(units, List.of(rs.getString(1)))) {
                        newest.merge(unit + ":" + year, at, (a, b) -> a.isAfter(b) ? a : b);
                    }
                }
            }
        }
        return newest;
    }

    /** A result changed and was stored at {@code storedAt}; {@code newestInput} is null for a result without facts. */
    void stored(String orgUnit, int year, Instant newestInput, Instant storedAt) {
        if (newestInput == null) {
            return;
        }
        String key = orgUnit + ":" + year;
        freshness.record(
                Duration.between(newestInput, storedAt).isNegative()
                        ? Duration.ZERO
                        : Duration.between(newestInput, storedAt));
        if (newestReflected.put(key, newestInput) == null) {
            Gauge.builder("synergy.result.input.age", newestReflected, m -> ageSeconds(m.get(key)))
                    .description("Age of the newest input (sector value computed) the stored result reflects")
                    .baseUnit("seconds")
                    .tag("org_unit", orgUnit)
                    .tag("year", String.valueOf(year))
                    .register(registry);
        }
    }

    private static double ageSeconds(Instant newest) {
        return Duration.between(newest, Instant.now()).toMillis() / 1000.0;
    }
}
