package io.synergy.console.ops.freshness;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.event.IndicatorEventValidator;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Records what every sector's indicator topic delivered ({@code indicator_receipt}): the freshness of the feeds is read
 * from it. Each record is checked as the aggregation checks it ({@link IndicatorEventValidator}); one that fails is
 * counted ({@code synergy.console.indicators.skipped}) and skipped — the aggregation sets it aside in
 * {@code indicators.v1.dlq}, where the ops API shows it. A batch is stored before its offsets are committed; a database
 * outage holds the batch, which is tried again until it is stored (the upsert is idempotent: the highest revision wins).
 */
@ApplicationScoped
public class IndicatorReceipts {

    private static final String UPSERT = """
            INSERT INTO indicator_receipt (code, org_unit, year, sector, revision, complete, computed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (code, org_unit, year) DO UPDATE
               SET sector = excluded.sector, revision = excluded.revision, complete = excluded.complete,
                   computed_at = excluded.computed_at, received_at = now()
             WHERE indicator_receipt.revision <= excluded.revision""";

    private final AgroalDataSource dataSource;
    private final OrgUnitRegistry orgUnits;
    private final IndicatorEventValidator validator;
    private final Counter skipped;

    IndicatorReceipts(
            AgroalDataSource dataSource, OrgUnitRegistry orgUnits, Catalogue catalogue, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.orgUnits = orgUnits;
        this.validator = new IndicatorEventValidator(catalogue);
        this.skipped = Counter.builder("synergy.console.indicators.skipped")
                .description("Indicator records the console did not record (the aggregation dead-letters them)")
                .register(metrics);
    }

    @Incoming("indicators")
    @Blocking(ordered = true)
    // the database away: the batch waits and is tried again until it is stored (a failed consumer would stop for good)
    @Retry(maxRetries = -1, delay = 2, delayUnit = ChronoUnit.SECONDS, maxDuration = 0, retryOn = SQLException.class)
    public void consume(ConsumerRecords<byte[], byte[]> records) throws SQLException {
        List<IndicatorEvent> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            IndicatorEventValidator.Checked c;
            try {
                c = validator.check(r.topic(), r.value(), orgUnits.current());
            } catch (RuntimeException e) {
                Log.errorf(e, "indicator record %s-%d@%d could not be checked", r.topic(), r.partition(), r.offset());
                skipped.increment();
                continue;
            }
            if (c.valid()) {
                events.add(c.event());
            } else {
                skipped.increment();
            }
        }
        store(events);
    }

    private void store(List<IndicatorEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (IndicatorEvent e : events) {
                ps.setString(1, e.code());
                ps.setString(2, e.orgUnit());
                ps.setInt(3, Integer.parseInt(e.period()));
                ps.setString(4, e.sector());
                ps.setLong(5, e.revision());
                ps.setBoolean(6, e.complete());
                ps.setTimestamp(7, Timestamp.from(e.computedAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
