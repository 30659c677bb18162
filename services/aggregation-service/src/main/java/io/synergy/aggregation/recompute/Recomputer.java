package io.synergy.aggregation.recompute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.synergy.aggregation.config.E5Config;
import io.synergy.aggregation.config.MethodConfig;
import io.synergy.aggregation.store.AnswerVersion;
import io.synergy.aggregation.store.DataSetStore;
import io.synergy.aggregation.store.FactStore;
import io.synergy.aggregation.store.IndicatorTables;
import io.synergy.aggregation.store.ProjectStore;
import io.synergy.aggregation.store.ResultStore;
import io.synergy.aggregation.store.TargetStore;
import io.synergy.aggregation.store.YearStateStore;
import io.synergy.method.results.IndicatorTable;
import io.synergy.method.results.KeyProjectReductions;
import io.synergy.method.results.ResultCalculator;
import io.synergy.method.results.UnitYearResult;
import io.synergy.method.results.YearAssessment;
import io.synergy.method.results.YearCoverage;
import io.synergy.method.results.YearState;
import io.synergy.method.results.YearStates;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.metrics.KnownGauges;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.outbox.OutboxMessage;
import io.synergy.platform.outbox.OutboxWriter;
import io.synergy.platform.tracing.Traceparent;
import io.synergy.platform.tracing.Traces;
import io.synergy.platform.tracing.WorkTags;
import io.synergy.platform.worker.WakeableLoop;
import io.synergy.results.view.DataSets;
import io.synergy.results.view.ResultView;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Recomputes results when facts changed, coalescing bursts: the consumer only records which years changed and wakes
 * this worker after its commit; the worker claims every request recorded so far and recomputes once for all of them,
 * however many events arrived while it was busy. Only one instance computes at a time (a PostgreSQL advisory lock), so two
 * aggregation instances never publish competing results. Changed results go to the compacted results topic and
 * worsened statuses to the alerts topic — both through the outbox, in the same transaction as the results.
 *
 * <p>Each org unit's result of a year is computed in two views ({@link ResultView}): {@code latest} from every fact,
 * {@code official} from the facts of the accepted data sets only (the same years, the same year states, the same targets),
 * each stored and published on its own key with the count of the unit's data sets accepted of those expected. Alerts
 * follow the latest view only, as before the views.
 */
@ApplicationScoped
public class Recomputer {

    static final int LOCK_CLASS = 3;

    private final AgroalDataSource dataSource;
    private final IndicatorTables tables;
    private final OutboxWriter outbox;
    private final Catalogue catalogue;
    private final OrgUnitRegistry registry;
    private final MethodConfig method;
    private final E5Config e5;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final YearStateStore yearStates;
    private final TransactionSynchronizationRegistry transactions;
    private final Traces traces;
    private final ResultFreshness freshness;
    private final Duration pollInterval;
    private Timer duration;
    private DistributionSummary unitsComputed;
    private DistributionSummary officialUnitsComputed;
    private KnownGauges pendingAge;

    private final AnswerVersion answerVersion;
    private final DataSetStore dataSets;
    private final FactStore facts;
    private final ResultStore resultStore;
    private final TargetStore targets;
    private final ProjectStore projectStore;

    @Inject
    Recomputer(
            AgroalDataSource dataSource,
            IndicatorTables tables,
            OutboxWriter outbox,
            Catalogue catalogue,
            OrgUnitRegistry registry,
            MethodConfig method,
            E5Config e5,
            ObjectMapper json,
            MeterRegistry metrics,
            YearStateStore yearStates,
            TransactionSynchronizationRegistry transactions,
            Traces traces,
            ResultFreshness freshness,
            @ConfigProperty(name = "synergy.recompute.poll-interval", defaultValue = "2s") Duration pollInterval,
            AnswerVersion answerVersion,
            DataSetStore dataSets,
            FactStore facts,
            ResultStore resultStore,
            TargetStore targets,
            ProjectStore projectStore) {
        this.projectStore = projectStore;
        this.targets = targets;
        this.resultStore = resultStore;
        this.facts = facts;
        this.dataSets = dataSets;
        this.answerVersion = answerVersion;
        this.dataSource = dataSource;
        this.tables = tables;
        this.outbox = outbox;
        this.catalogue = catalogue;
        this.registry = registry;
        this.method = method;
        this.e5 = e5;
        this.json = json;
        this.metrics = metrics;
        this.yearStates = yearStates;
        this.transactions = transactions;
        this.traces = traces;
        this.freshness = freshness;
        this.pollInterval = pollInterval;
    }

    /**
     * What the previous committed pass saw: the facts' version it read (the newest inputs of the next pass are the facts
     * written after it), the years with facts ({@code null} until the first pass after the start) and the official view's
     * table it computed from. Set when a pass commits: a pass rolled back leaves its requests, and the next one must see
     * the same changes.
     */
    private record Seen(long factVersion, Set<Integer> years, IndicatorTable official) {}

    private volatile Seen seen = new Seen(-1, null, null);

    /** What the pass running now saw, kept once it commits. */
    private Seen seeing;

    private WakeableLoop loop;

    @PostConstruct
    void init() {
        // checks the configured indicator sets at start; computations use the registry of their moment
        new ResultCalculator(catalogue, registry.current(), method.settings());
        // a histogram, not client-side percentiles: buckets add up across replicas (histogram_quantile over sum by
        // (le))
        duration = Timer.builder("synergy.recompute.duration")
                .description("Time to recompute all results")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(metrics);
        unitsComputed = DistributionSummary.builder("synergy.recompute.units")
                .description("Org unit results computed per pass: the units a change reaches, not every unit")
                .tag("view", ResultView.LATEST.code())
                .register(metrics);
        officialUnitsComputed = DistributionSummary.builder("synergy.recompute.units")
                .description("Org unit results computed per pass: the units a change reaches, not every unit")
                .tag("view", ResultView.OFFICIAL.code())
                .register(metrics);
        pendingAge = new KnownGauges(
                metrics,
                "synergy.recompute.pending.age.seconds",
                "Age of the oldest recompute request not yet served: how far results are behind the facts (0 when none waits)",
                null);
    }

    void start(@Observes StartupEvent event) {
        // woken by the consumer's commits; the poll also picks up requests recorded by another instance
        loop = new WakeableLoop("recompute", pollInterval, Duration.ofMillis(250), Duration.ofSeconds(10), () -> {
            try {
                recomputeIfRequested();
            } finally {
                measurePendingAge();
            }
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

    /**
     * Recomputes if any year was requested; returns the number of results that changed (-1 if another instance holds the
     * lock). One pass at a time in this instance: a pass remembers what it saw for the next.
     */
    public synchronized int recomputeIfRequested() {
        seeing = null;
        int result = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                if (!tryLock(c)) {
                    return -1;
                }
                Claim claim = claimRequests(c);
                if (claim == null) {
                    return 0;
                }
                // one span per recompute: a child of the earliest request's trace (one report's trace runs on to its
                // results),
                // linked to the traces of every other request it serves
                String earliest = claim.traceparents().isEmpty()
                        ? null
                        : claim.traceparents().get(0);
                try (Traces.Work work = traces.start(
                        "recompute",
                        SpanKind.INTERNAL,
                        Traceparent.parse(earliest),
                        claim.traceparents().stream()
                                .map(Traceparent::spanContext)
                                .toList(),
                        WorkTags.NONE)) {
                    work.span().setAttribute("synergy.recompute.from_year", claim.earliestYear());
                    work.span()
                            .setAttribute(
                                    "synergy.recompute.traces",
                                    claim.traceparents().size());
                    Timer.Sample sample = Timer.start(metrics);
                    int changed = recompute(c, claim);
                    claim.delete(c);
                    sample.stop(duration);
                    work.span().setAttribute("synergy.results.changed", changed);
                    return changed;
                }
            }
        });
        if (seeing != null) {
            seen = seeing;
        }
        return result;
    }

    /** The age of the oldest waiting request (0 when none waits); unknown (no series) while the database does not answer. */
    private void measurePendingAge() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT coalesce(extract(epoch FROM now() - min(requested_at)), 0) FROM recompute_request");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            pendingAge.set("", rs.getDouble(1));
        } catch (SQLException | RuntimeException e) {
            pendingAge.allUnknown();
        }
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

    /**
     * The requests one recompute covers: every row up to {@code lastId}; the earliest year among those for every unit
     * ({@code null} when all name units); the earliest year of each unit named alone (a target changed for it); the
     * earliest year of each unit whose facts changed; and the distinct traces that asked (earliest first, at most
     * {@link Traces#MAX_LINKS} + 1).
     */
    record Claim(
            long lastId,
            Integer fromYear,
            Map<String, Integer> unitsFromYear,
            Map<String, Integer> factsFromYear,
            List<String> traceparents) {

        Claim(long lastId, Integer fromYear, Map<String, Integer> unitsFromYear, List<String> traceparents) {
            this(lastId, fromYear, unitsFromYear, Map.of(), traceparents);
        }

        int earliestYear() {
            int earliest = fromYear == null ? Integer.MAX_VALUE : fromYear;
            for (int y : unitsFromYear.values()) {
                earliest = Math.min(earliest, y);
            }
            for (int y : factsFromYear.values()) {
                earliest = Math.min(earliest, y);
            }
            return earliest;
        }

        /**
         * The units to compute in {@code year} when every unit is computed from {@code allFrom} on; {@code null}: every
         * unit. A unit named alone is computed from its year on; of a unit whose facts changed, {@code reach} tells the
         * units its facts reach (ResultCalculator#affectedBy), computed from its year on.
         */
        Set<String> units(int year, int allFrom, Function<Collection<String>, Set<String>> reach) {
            if (year >= allFrom) {
                return null;
            }
            Set<String> units = new TreeSet<>();
            unitsFromYear.forEach((unit, from) -> {
                if (from <= year) {
                    units.add(unit);
                }
            });
            List<String> changed = new ArrayList<>();
            factsFromYear.forEach((unit, from) -> {
                if (from <= year) {
                    changed.add(unit);
                }
            });
            if (!changed.isEmpty()) {
                units.addAll(reach.apply(changed));
            }
            return units;
        }

        /** As {@link #units(int, int, Function)} for a claim without changed facts. */
        Set<String> units(int year, int allFrom) {
            return units(year, allFrom, changed -> Set.of());
        }

        /** Removes the covered requests, in the recompute's transaction: they go when its results commit, not before. */
        void delete(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM recompute_request WHERE id <= ?")) {
                ps.setLong(1, lastId);
                ps.executeUpdate();
            }
        }
    }

    /**
     * Reads the pending requests without locking them: a consumer appending a request meanwhile is not held up, and its
     * request (a higher id) stays for the next pass. Read before the facts, so every fact behind a claimed request is seen.
     */
    private static Claim claimRequests(Connection c) throws SQLException {
        long lastId;
        Integer fromYear;
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT max(id), min(year) FILTER (WHERE org_unit IS NULL) FROM recompute_request");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            lastId = rs.getLong(1);
            if (rs.wasNull()) {
                return null;
            }
            fromYear = (Integer) rs.getObject(2);
        }
        Map<String, Integer> unitsFromYear = new TreeMap<>();
        Map<String, Integer> factsFromYear = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT org_unit, facts, min(year) FROM recompute_request WHERE id <= ? AND org_unit IS NOT NULL "
                        + "GROUP BY org_unit, facts")) {
            ps.setLong(1, lastId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    (rs.getBoolean(2) ? factsFromYear : unitsFromYear).put(rs.getString(1), rs.getInt(3));
                }
            }
        }
        List<String> traceparents = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT traceparent FROM recompute_request WHERE id <= ? AND traceparent IS NOT NULL "
                        + "GROUP BY traceparent ORDER BY min(id) LIMIT ?")) {
            ps.setLong(1, lastId);
            ps.setInt(2, Traces.MAX_LINKS + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    traceparents.add(rs.getString(1));
                }
            }
        }
        return new Claim(lastId, fromYear, unitsFromYear, factsFromYear, traceparents);
    }

    private int recompute(Connection c, Claim claim) throws SQLException {
        // one snapshot of the hierarchy for the whole computation: a registry change during it waits for the next one
        OrgUnits units = registry.current();
        long start = System.nanoTime();
        long factVersion = facts.version(c);
        IndicatorTable table = tables.current(c, units);
        IndicatorTable officialTable = tables.current(c, units, ResultView.OFFICIAL);
        DataSetStore.Accepted accepted = dataSets.accepted(c);
        ResultCalculator current = new ResultCalculator(
                catalogue,
                units,
                method.settings(),
                targets.all(c),
                new KeyProjectReductions(e5.basis(), projectStore.projects(c)));
        Map<Integer, YearState> before = yearStates.states(c);
        Map<Integer, YearCoverage> coveredBefore = yearStates.coverages(c);
        Map<String, Instant> newestInputs = freshness.newestInputs(c, units, seen.factVersion());
        YearStates states = current.yearStates(table, before);
        long loaded = System.nanoTime();
        phase("load", loaded - start);
        // a year found complete in this pass joins the window of every later year: recompute every unit from it
        int from = claim.fromYear() == null ? Integer.MAX_VALUE : claim.fromYear();
        boolean statesMoved = false;
        for (YearAssessment a : states.all()) {
            if (a.state() != before.get(a.year())) {
                from = Math.min(from, a.year());
                statesMoved = true;
            }
        }
        from = Math.min(from, yearsMovedFrom(c, table, units));
        // a year whose coverage moved (a district's figures became complete, or no longer are): every unit's result of
        // that year carries it
        Set<Integer> coverageMoved = new TreeSet<>();
        for (YearAssessment a : states.all()) {
            if (!a.coverage().equals(coveredBefore.get(a.year()))) {
                coverageMoved.add(a.year());
            }
        }
        yearStates.write(
                c,
                states.all(),
                current.synergySet().stream().map(Indicator::id).toList(),
                Instant.now());
        // Facts of data sets not accepted change the latest view only. When they are all a pass serves — the official
        // view's table is the one the last committed pass computed from (brought up to date with no official fact, it
        // stays the same object), no year's state, coverage or span moved, no target — every official result of the
        // units they reach is as stored: computing it again (half of a pass's compute and store under a stream of
        // reports) would find the same digests (issue 19, freshness).
        boolean officialMoved = from != Integer.MAX_VALUE
                || !coverageMoved.isEmpty()
                || !claim.unitsFromYear().isEmpty()
                || officialTable != seen.official();
        int changed = 0;
        int computed = 0;
        int computedOfficial = 0;
        // year by year: only one year's results (a dozen documents of ~35 KB) are alive at a time, so a pass's garbage
        // dies young instead of filling a small heap's old generation
        // a unit whose targets or facts changed is computed (with the units its facts reach) from its year on, until
        // every unit is
        int first = Math.min(from, claim.earliestYear());
        if (!coverageMoved.isEmpty()) {
            first = Math.min(first, ((TreeSet<Integer>) coverageMoved).first());
        }
        for (int year : current.years(table, first)) {
            Set<String> only = coverageMoved.contains(year) ? null : claim.units(year, from, current::affectedBy);
            if (only != null && only.isEmpty()) {
                continue;
            }
            long t0 = System.nanoTime();
            List<UnitYearResult> results = current.computeYear(table, year, states, only);
            // the official results of the same units and year, from the accepted data sets' facts (none yet: every
            // figure NO_DATA, and the count says why)
            List<UnitYearResult> official =
                    officialMoved ? current.computeYear(officialTable, year, states, only) : List.of();
            long t1 = System.nanoTime();
            // what they are compared with: the stored digests of the same units and year only
            Map<String, ResultStore.Stored> stored = resultStore.index(c, year, only);
            changed += store(c, ResultView.LATEST, results, stored, newestInputs, accepted, units);
            changed += store(c, ResultView.OFFICIAL, official, stored, newestInputs, accepted, units);
            computed += results.size();
            computedOfficial += official.size();
            phase("compute", t1 - t0);
            phase("store", System.nanoTime() - t1);
        }
        unitsComputed.record(computed);
        officialUnitsComputed.record(computedOfficial);
        metrics.counter("synergy.results.changed").increment(changed);
        if (changed > 0 || statesMoved) {
            // the read API's kept answers are computed anew once this pass commits
            answerVersion.raise(c);
        }
        seeing = new Seen(factVersion, table.years(), officialTable);
        return changed;
    }

    /**
     * The earliest year from which every unit's results may have changed because the years with facts changed (a first
     * fact of a year: its results are new for every unit, and the next year's effects compare with it), from the
     * base year on; {@link Integer#MAX_VALUE} when they did not. Compared with the years of the previous pass, or after
     * a start with the years the city has results for (those before the base year taken as known).
     */
    private int yearsMovedFrom(Connection c, IndicatorTable table, OrgUnits units) throws SQLException {
        Set<Integer> known = seen.years() == null ? null : new TreeSet<>(seen.years());
        if (known == null) {
            known = new TreeSet<>(
                    resultStore.years(c, ResultView.LATEST, units.city().code()));
            for (int y : table.years()) {
                if (y < table.baseYear()) {
                    known.add(y);
                }
            }
        }
        int moved = Integer.MAX_VALUE;
        for (int y : table.years()) {
            if (!known.contains(y)) {
                moved = Math.min(moved, y);
            }
        }
        for (int y : known) {
            if (!table.years().contains(y)) {
                moved = Math.min(moved, y + 1);
            }
        }
        return moved == Integer.MAX_VALUE ? moved : Math.max(moved, table.baseYear());
    }

    /**
     * Stores and publishes the results of a view that differ from the stored ones (the result or the count of data sets);
     * returns how many did.
     */
    private int store(
            Connection c,
            ResultView view,
            List<UnitYearResult> results,
            Map<String, ResultStore.Stored> stored,
            Map<String, Instant> newestInputs,
            DataSetStore.Accepted accepted,
            OrgUnits units)
            throws SQLException {
        List<ResultStore.Row> rows = new ArrayList<>();
        List<OutboxMessage> events = new ArrayList<>();
        // in microseconds, as PostgreSQL keeps it: the stored result and the one published on results.v1 say the same
        // computedAt (the console serves the dashboard from results.v1; a nanosecond clock made them differ)
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (UnitYearResult r : results) {
            String key = view.key(r.orgUnit(), r.year());
            byte[] utf8 = writeBytes(r);
            DataSets dataSets = accepted.count(units, r.orgUnit(), r.year());
            byte[] counted = writeBytes(dataSets);
            String digest = sha256(wrap(counted, utf8));
            ResultStore.Stored old = stored.get(key);
            if (old != null && old.digest().equals(digest)) {
                continue;
            }
            // only statuses judged on complete inputs count for alerts: while a year's reports are still arriving, the
            // city's figures move with every district and would raise alerts that mean nothing
            Map<String, String> statuses = new LinkedHashMap<>();
            r.attainment().stream()
                    .filter(UnitYearResult.AttainmentRow::complete)
                    .forEach(a -> statuses.put(a.indicator(), a.status()));
            long version = old == null ? 1 : old.version() + 1;
            rows.add(new ResultStore.Row(
                    r.orgUnit(), r.year(), view, dataSets, utf8, write(statuses), digest, version, now));
            // {version, computedAt, view, dataSets, result}: the stored body is the result, so it is serialised once
            byte[] data = wrap(
                    ("{\"version\":" + version + ",\"computedAt\":\"" + now + "\",\"view\":\"" + view.code()
                                    + "\",\"dataSets\":")
                            .getBytes(StandardCharsets.UTF_8),
                    counted,
                    ",\"result\":".getBytes(StandardCharsets.UTF_8),
                    utf8,
                    "}".getBytes(StandardCharsets.UTF_8));
            events.add(new OutboxMessage(
                    Topics.RESULTS,
                    key,
                    UUID.randomUUID(),
                    CloudEventTypes.RESULT,
                    CloudEventTypes.AGGREGATION_SOURCE,
                    r.orgUnit() + "/" + r.year() + (view == ResultView.LATEST ? "" : "/" + view.code()),
                    now,
                    CloudEventTypes.RESULT_SCHEMA,
                    data));
            if (old != null && view == ResultView.LATEST) {
                events.addAll(alerts(r, readStatuses(old.statuses()), now));
            }
        }
        resultStore.upsert(c, rows);
        outbox.writeDerived(events); // derived: an oversized result is parked by the relay, not refused
        for (ResultStore.Row row : rows) {
            if (view == ResultView.LATEST) {
                freshness.stored(row.orgUnit(), row.year(), newestInputs.get(row.orgUnit() + ":" + row.year()), now);
            }
        }
        return rows.size();
    }

    /** Where a recompute's time goes: load (facts and stored digests), compute (the pure core), store (serialise, compare, write). */
    private void phase(String name, long nanos) {
        metrics.timer("synergy.recompute.phase", "phase", name).record(nanos, TimeUnit.NANOSECONDS);
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
                alerts.add(new OutboxMessage(
                        Topics.ALERTS,
                        r.orgUnit() + ":" + a.indicator(),
                        UUID.randomUUID(),
                        CloudEventTypes.ALERT,
                        CloudEventTypes.AGGREGATION_SOURCE,
                        r.orgUnit() + "/" + r.year() + "/" + a.indicator(),
                        now,
                        null,
                        write(alert)));
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

    /** The parts one after the other in one array. */
    private static byte[] wrap(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private byte[] writeBytes(Object o) {
        try {
            return json.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] utf8) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(utf8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
