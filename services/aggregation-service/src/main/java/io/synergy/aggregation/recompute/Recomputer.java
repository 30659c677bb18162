package io.synergy.aggregation.recompute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.synergy.platform.worker.WakeableLoop;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.synergy.aggregation.config.MethodConfig;
import io.synergy.method.results.IndicatorTable;
import io.synergy.method.results.ResultCalculator;
import io.synergy.method.results.UnitYearResult;
import io.synergy.aggregation.store.FactStore;
import io.synergy.aggregation.store.ResultStore;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.outbox.OutboxMessage;
import io.synergy.platform.outbox.OutboxWriter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Recomputes results when facts changed, coalescing bursts: the consumer only records which years changed and wakes
 * this worker after its commit; the worker claims every request recorded so far and recomputes once for all of them,
 * however many events arrived while it was busy. Only one instance computes at a time (a PostgreSQL advisory lock), so two
 * aggregation instances never publish competing results. Changed results go to the compacted results topic and
 * worsened statuses to the alerts topic — both through the outbox, in the same transaction as the results.
 */
@ApplicationScoped
public class Recomputer {

    static final int LOCK_CLASS = 3;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FactStore facts;

    @Inject
    OutboxWriter outbox;

    @Inject
    Catalogue catalogue;

    @Inject
    OrgUnitRegistry registry;

    @Inject
    MethodConfig method;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    private ResultCalculator calculator;
    private Timer duration;
    @Inject
    TransactionSynchronizationRegistry transactions;

    @ConfigProperty(name = "synergy.recompute.poll-interval", defaultValue = "2s")
    Duration pollInterval;

    private WakeableLoop loop;

    @PostConstruct
    void init() {
        // checks the configured indicator sets at start; computations use the registry of their moment
        calculator = new ResultCalculator(catalogue, registry.current(), method.settings());
        duration = Timer.builder("synergy.recompute.duration").description("Time to recompute all results").publishPercentiles(0.5, 0.99)
                .register(metrics);
    }

    public ResultCalculator calculator() {
        return calculator;
    }

    void start(@Observes StartupEvent event) {
        // woken by the consumer's commits; the poll also picks up requests recorded by another instance
        loop = new WakeableLoop("recompute", pollInterval, Duration.ofMillis(250), Duration.ofSeconds(10), () -> {
            recomputeIfRequested();
            return false;
        });
        loop.start();
    }

    void stop(@Observes @Priority(1) ShutdownEvent event) {
        if (loop != null) {
            loop.stop();
        }
    }

    /** Called inside the consumer's transaction: recompute as soon as it commits. */
    public void requestedInTransaction() {
        if (loop != null) {
            loop.wakeUpAfterCommit(transactions);
        }
    }

    /** Recomputes if any year was requested; returns the number of results that changed (-1 if another instance holds the lock). */
    public int recomputeIfRequested() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                if (!tryLock(c)) {
                    return -1;
                }
                Integer fromYear = claimRequests(c);
                if (fromYear == null) {
                    return 0;
                }
                Timer.Sample sample = Timer.start(metrics);
                int changed = recompute(c, fromYear);
                sample.stop(duration);
                return changed;
            }
        });
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?, 0)")) {
            ps.setInt(1, LOCK_CLASS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Claims every pending request; returns the earliest requested year, or {@code null} when there was none. */
    private static Integer claimRequests(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("WITH claimed AS (DELETE FROM recompute_request RETURNING year) SELECT min(year) FROM claimed");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            int min = rs.getInt(1);
            return rs.wasNull() ? null : min;
        }
    }

    private int recompute(Connection c, int fromYear) throws SQLException {
        // one snapshot of the hierarchy for the whole computation: a registry change during it waits for the next one
        OrgUnits units = registry.current();
        IndicatorTable table = new IndicatorTable(facts.all(c), catalogue, units, method.baseYear());
        List<UnitYearResult> results = new ResultCalculator(catalogue, units, method.settings()).compute(table, fromYear);
        Map<String, ResultStore.Stored> stored = ResultStore.index(c);
        List<ResultStore.Row> rows = new ArrayList<>();
        List<OutboxMessage> events = new ArrayList<>();
        Instant now = Instant.now();
        for (UnitYearResult r : results) {
            String key = r.orgUnit() + ":" + r.year();
            String body = write(r);
            String digest = sha256(body);
            ResultStore.Stored old = stored.get(key);
            if (old != null && old.digest().equals(digest)) {
                continue;
            }
            // only statuses judged on complete inputs count for alerts: while a year's reports are still arriving, the
            // city's figures move with every district and would raise alerts that mean nothing
            Map<String, String> statuses = new LinkedHashMap<>();
            r.attainment().stream().filter(UnitYearResult.AttainmentRow::complete).forEach(a -> statuses.put(a.indicator(), a.status()));
            long version = old == null ? 1 : old.version() + 1;
            rows.add(new ResultStore.Row(r.orgUnit(), r.year(), body, write(statuses), digest, version, now));
            // {version, computedAt, result}: the stored body is the result, so it is serialised once
            String data = "{\"version\":" + version + ",\"computedAt\":\"" + now + "\",\"result\":" + body + "}";
            events.add(new OutboxMessage(Topics.RESULTS, key, UUID.randomUUID(), CloudEventTypes.RESULT, CloudEventTypes.AGGREGATION_SOURCE,
                    r.orgUnit() + "/" + r.year(), now, CloudEventTypes.RESULT_SCHEMA, data));
            if (old != null) {
                events.addAll(alerts(r, readStatuses(old.statuses()), now));
            }
        }
        ResultStore.upsert(c, rows);
        outbox.write(events);
        metrics.counter("synergy.results.changed").increment(rows.size());
        return rows.size();
    }

    private List<OutboxMessage> alerts(UnitYearResult r, Map<String, String> before, Instant now) {
        List<OutboxMessage> alerts = new ArrayList<>();
        for (UnitYearResult.AttainmentRow a : r.attainment()) {
            String was = before.get(a.indicator());
            if (was != null && a.complete() && rank(a.status()) > rank(was)) {
                Map<String, Object> alert = new LinkedHashMap<>();
                alert.put("orgUnit", r.orgUnit());
                alert.put("year", r.year());
                alert.put("indicator", a.indicator());
                alert.put("name", Map.of("zh", a.zh(), "en", a.en()));
                alert.put("from", was);
                alert.put("to", a.status());
                alert.put("value", a.value());
                alert.put("target", a.target());
                alert.put("raisedAt", now.toString());
                alerts.add(new OutboxMessage(Topics.ALERTS, r.orgUnit() + ":" + a.indicator(), UUID.randomUUID(), CloudEventTypes.ALERT,
                        CloudEventTypes.AGGREGATION_SOURCE, r.orgUnit() + "/" + r.year() + "/" + a.indicator(), now, null, write(alert)));
            }
        }
        return alerts;
    }

    /** Worse is higher; NO_DATA is not a judgement, so it never raises an alert. */
    static int rank(String status) {
        return switch (status) {
            case "ACHIEVED" -> 0;
            case "ON_TRACK" -> 1;
            case "LAGGING" -> 2;
            case "OFF_TRACK" -> 3;
            default -> -1;
        };
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> readStatuses(String s) {
        try {
            return json.readValue(s, Map.class);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
