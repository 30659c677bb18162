package io.synergy.sector.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.synergy.model.catalogue.Aggregation;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.EventKind;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.period.Period;
import io.synergy.model.report.IngestResult;
import io.synergy.model.report.IngestStatus;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.outbox.OutboxMessage;
import io.synergy.platform.outbox.OutboxWriter;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.transaction.AfterCommit;
import io.synergy.platform.transaction.JdbcBatches;
import io.synergy.sector.approval.ApprovalService;
import io.synergy.sector.compute.PeriodRollUp;
import io.synergy.sector.compute.PeriodRollUp.PeriodValue;
import io.synergy.sector.compute.SectorCalculator;
import io.synergy.sector.config.SectorConfig;
import io.synergy.sector.ingest.RevisionRules.Apply;
import io.synergy.sector.ingest.RevisionRules.Duplicate;
import io.synergy.sector.ingest.RevisionRules.Plan;
import io.synergy.sector.ingest.RevisionRules.Stale;
import io.synergy.sector.ingest.RevisionRules.Superseded;
import io.synergy.sector.ingest.RevisionRules.Verdict;
import io.synergy.sector.model.DataSets;
import io.synergy.sector.model.ParsedReport;
import io.synergy.sector.model.UnitYear;
import io.synergy.sector.model.ValueKey;
import io.synergy.sector.security.Writer;
import io.synergy.sector.security.WriterAccess;
import io.synergy.sector.store.DataValueStore;
import io.synergy.sector.store.DataValueStore.ValueRows;
import io.synergy.sector.store.DataVersionStore;
import io.synergy.sector.store.FlagVersionStore;
import io.synergy.sector.store.IndicatorValueStore;
import io.synergy.sector.store.IndicatorValueStore.IndicatorRow;
import io.synergy.sector.store.IndicatorValueStore.Key;
import io.synergy.sector.store.IndicatorValueStore.StoredIndicator;
import io.synergy.sector.store.ReportStore;
import io.synergy.sector.store.ReportStore.NewFlag;
import io.synergy.sector.store.ReportStore.NewRevision;
import io.synergy.sector.store.ReportStore.StoredRevision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Stores valid reports and publishes what they change, in one database transaction: the report revision, its data
 * values, the recomputed annual indicators and their events in the outbox. Either all of it is committed or none.
 *
 * <p>Idempotency: a report is identified by its id and revision. The same content again is a duplicate (the original
 * result is returned, nothing changes); different content under an existing revision is a conflict (409); a higher
 * revision supersedes; a lower one arriving late is kept in the history and ignored.
 *
 * <p>Write authority follows the data: a report's org unit and period are fixed by its first revision (a revision
 * that changes them is a 409), and only a writer who may write the stored report's org unit may send revisions of it
 * (403). Every revision records who sent it and through which channel.
 *
 * <p>The catalogue's rules hold on the combined state: after the request's values are written (inside the
 * transaction, after the advisory locks) the state of every org unit and year it touched is checked with
 * {@link CombinedStateRules}; a broken rule refuses the request (422) and the transaction is rolled back. Values
 * beyond the {@link Plausibility} band are accepted and flagged.
 */
@ApplicationScoped
public class ReportIngestor {

    static final int LOCK_REPORTS = 1;

    /**
     * The most enterprise-years a request locks one by one ({@link #lockDataSets}); beyond it, its district-years are taken
     * exclusive instead. PostgreSQL keeps every lock of every session in one table of max_locks_per_transaction (64) ×
     * max_connections slots: a batch of 1,000 enterprises' reports took 1,000 of them.
     */
    static final int MAX_UNIT_LOCKS = 32;

    private final ReportStore reportStore;
    private final DataValueStore valueStore;
    private final DataVersionStore versions;
    private final FlagVersionStore flagVersions;
    private final IndicatorValueStore indicatorStore;
    private final OutboxWriter outbox;
    private final SectorConfig config;
    private final ObjectMapper json;
    private final OrgUnitRegistry orgUnits;
    private final WriterAccess access;
    private final SectorCalculator calculator;
    private final CombinedStateRules stateRules;
    private final Plausibility plausibility;
    private final ApprovalService approvals;
    private final TransactionSynchronizationRegistry transactions;
    private final DistributionSummary stateValuesRead;
    private final Map<Phase, Timer> phases = new EnumMap<>(Phase.class);

    /**
     * The steps of a write request, timed one after the other (issue 19): where a request's time goes, and above all how
     * long it holds the data sets' locks — from {@code LOCKED} to {@code COMMIT} every other writer of those district-years
     * waits.
     */
    enum Phase {
        /** the bodies' JSON, the reports' lock and stored revisions, the revision rules: before the data sets' locks */
        PREPARE,
        /** waiting for the data sets' locks */
        LOCK,
        /** under the locks: the reporting cycle's check and the values written */
        WRITE,
        /** under the locks: the state read back and the combined-state rules */
        RULES,
        /** under the locks: the indicators recomputed, stored and their events written to the outbox */
        RECOMPUTE,
        /** under the locks: the revisions with their results, the flags, the data versions */
        STORE,
        /** the commit, which gives the locks back */
        COMMIT
    }

    public ReportIngestor(
            ReportStore reportStore,
            DataValueStore valueStore,
            DataVersionStore versions,
            FlagVersionStore flagVersions,
            IndicatorValueStore indicatorStore,
            OutboxWriter outbox,
            Catalogue catalogue,
            SectorConfig config,
            ObjectMapper json,
            OrgUnitRegistry orgUnits,
            WriterAccess access,
            ApprovalService approvals,
            TransactionSynchronizationRegistry transactions,
            MeterRegistry metrics) {
        this.reportStore = reportStore;
        this.valueStore = valueStore;
        this.versions = versions;
        this.flagVersions = flagVersions;
        this.indicatorStore = indicatorStore;
        this.outbox = outbox;
        this.config = config;
        this.json = json;
        this.orgUnits = orgUnits;
        this.access = access;
        this.approvals = approvals;
        this.transactions = transactions;
        this.calculator = new SectorCalculator(catalogue, config.code());
        this.stateRules = new CombinedStateRules(catalogue, config.code());
        this.plausibility = new Plausibility(catalogue, config.plausibility().maxRatio());
        // what a request reads back to judge and recompute what it wrote: grows with the request, not with a district
        this.stateValuesRead = DistributionSummary.builder("synergy.ingest.state.values")
                .description("Stored values a write request reads back for the combined-state rules, the plausibility"
                        + " band and the recomputation (a sum over a district's enterprises counts as one)")
                .tag("sector", config.code().code())
                .register(metrics);
        for (Phase p : Phase.values()) {
            phases.put(
                    p,
                    Timer.builder("synergy.ingest.phase")
                            .description("Time a write request spends in each step; LOCK is the wait for the data sets'"
                                    + " locks, WRITE to COMMIT is held under them")
                            .tag("sector", config.code().code())
                            .tag("phase", p.name().toLowerCase(Locale.ROOT))
                            .register(metrics));
        }
    }

    /** Times the phases of one request, each from the end of the one before. */
    private final class Phases {
        private long mark = System.nanoTime();

        void done(Phase p) {
            long now = System.nanoTime();
            phases.get(p).record(now - mark, TimeUnit.NANOSECONDS);
            mark = now;
        }

        /** The commit is the transaction's, after this method returned: timed once it committed. */
        void commitAfter() {
            mark = System.nanoTime();
            AfterCommit.run(transactions, () -> done(Phase.COMMIT));
        }
    }

    /**
     * @param channel REST, CSV or KAFKA
     * @param writer  who sends them: recorded with each revision, and checked against the stored reports' org units
     */
    public List<IngestResult> ingest(List<ParsedReport> reports, String channel, Writer writer) {
        return ingest(reports, channel, writer, false);
    }

    /**
     * @param dryRun do everything — locks, rules, the lock of the reporting cycle, the recomputation — and roll it all back: the
     *               answer is what the request would get, and nothing is stored or published (the outbox rows go with the rollback)
     */
    @Transactional
    public List<IngestResult> ingest(List<ParsedReport> reports, String channel, Writer writer, boolean dryRun) {
        Phases timed = new Phases();
        OrgUnits units = orgUnits.current();
        // before the locks, which are held to the commit: what is stored of a report depends on the report alone. As
        // UTF-8 (PostgreSQL decodes it): about the size of the request, which the admission bounds
        List<byte[]> bodies = reports.stream().map(this::body).toList();
        List<String> ids =
                reports.stream().map(ParsedReport::reportId).distinct().toList();
        reportStore.lock(LOCK_REPORTS, ids.stream().map(String::hashCode).toList());
        Map<String, List<StoredRevision>> stored = reportStore.revisions(ids);
        Map<String, StoredRevision> anchors = RevisionRules.anchors(stored);
        access.checkReportOwners(
                writer,
                reports.stream().map(r -> r.at("reportId")).toList(),
                reports.stream()
                        .map(r -> anchors.containsKey(r.reportId())
                                ? anchors.get(r.reportId()).orgUnit()
                                : null)
                        .toList(),
                units);
        Plan plan = RevisionRules.decide(reports, stored);
        List<ParsedReport> applied = plan.applied();
        // the rows to write and what they touch depend on the reports alone: built before the locks, so that under
        // them only the statements run
        ValueRows values = ValueRows.of(applied);
        List<ValueKey> written = writtenKeys(applied);
        List<String> hashes = reports.stream().map(ParsedReport::contentHash).toList();
        timed.done(Phase.PREPARE);

        lockDataSets(plan.affected(), units);
        timed.done(Phase.LOCK);
        // the reporting cycle's lock: a data set submitted or signed off takes no report or revision (an identical
        // duplicate changes
        // nothing and is answered as before)
        List<Integer> writing = IntStream.range(0, reports.size())
                .filter(i -> !(plan.verdicts().get(i) instanceof Duplicate))
                .boxed()
                .toList();
        approvals.requireOpen(
                writing.stream().map(i -> reports.get(i).at("orgUnit")).toList(),
                writing.stream()
                        .map(i -> DataSets.of(
                                reports.get(i).orgUnit(),
                                reports.get(i).period().year(),
                                units))
                        .toList());
        // the years whose review list changes: of the revisions superseded (their flags leave it) and of the new flags
        Set<Integer> flagYears = new HashSet<>();
        Set<ValueKey> touched = writeValues(plan, values, written, flagYears);
        values = null; // neither is held through the rest of the transaction
        written = null;
        timed.done(Phase.WRITE);

        // the state as it now stands (inside this transaction): the rules, the plausibility band and the recomputation
        // read it
        Set<UnitYear> reads = new TreeSet<>(plan.affected());
        reads.addAll(stateRules.reads(touched, units));
        for (ParsedReport r : applied) {
            Plausibility.yearBefore(r.period()).ifPresent(p -> reads.add(new UnitYear(r.orgUnit(), p.year())));
        }
        Map<UnitYear, Map<String, List<PeriodValue>>> state = valueStore.values(reads);
        StateReads counted = new StateReads(count(state));
        List<CombinedStateRules.Violation> violations = stateRules.check(state, touched, units, counted);
        stateValuesRead.record(counted.values);
        if (!violations.isEmpty()) {
            throw new ProblemException(
                    422,
                    "combined-state-rule",
                    "The combined figures would break a rule",
                    "合并后的数据违反目录规则,未保存任何内容 / With this request, the figures of an org unit and period taken together would break "
                            + violations.size() + " rule(s) of the catalogue; nothing was stored",
                    violations.stream()
                            .map(v -> new FieldError(fieldOf(v, applied), v.message()))
                            .toList());
        }
        timed.done(Phase.RULES);
        Map<UnitYear, List<IngestResult.IndicatorSnapshot>> snapshots =
                recompute(plan.affected(), plan.triggeredBy(), state);
        timed.done(Phase.RECOMPUTE);

        List<IngestResult> results = new ArrayList<>();
        List<NewRevision> rows = new ArrayList<>();
        List<NewFlag> flags = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            ParsedReport r = reports.get(i);
            Verdict verdict = plan.verdicts().get(i);
            IngestResult result;
            String status; // the revision's status in the history; none for a duplicate, which is there already
            if (verdict instanceof Duplicate d) {
                result = read(d.original().result())
                        .withStatus(
                                IngestStatus.DUPLICATE,
                                "identical to revision " + r.revision() + " already received; nothing changed");
                status = null;
            } else if (verdict instanceof Superseded s) {
                result = new IngestResult(
                        r.reportId(),
                        r.revision(),
                        IngestStatus.SUPERSEDED,
                        "revision " + s.by() + " of the same report in this request replaces it",
                        List.of());
                status = "SUPERSEDED";
            } else if (verdict instanceof Stale s) {
                result = new IngestResult(
                        r.reportId(),
                        r.revision(),
                        IngestStatus.STALE,
                        "revision " + r.revision() + " is older than the current revision " + s.current()
                                + "; kept in the history, values ignored",
                        List.of());
                status = "STALE";
            } else {
                boolean revises = ((Apply) verdict).revises();
                List<IngestResult.FlaggedValue> flagged = plausibility.check(
                        r,
                        Plausibility.yearBefore(r.period())
                                .map(p -> state.getOrDefault(new UnitYear(r.orgUnit(), p.year()), Map.of()))
                                .orElse(Map.of()));
                for (IngestResult.FlaggedValue f : flagged) {
                    flags.add(new NewFlag(
                            r.reportId(),
                            r.revision(),
                            f.flag().name(),
                            f.dataElement(),
                            r.orgUnit(),
                            r.period().toString(),
                            r.period().year(),
                            f.value(),
                            f.previousPeriod(),
                            f.previousValue()));
                }
                result = new IngestResult(
                                r.reportId(),
                                r.revision(),
                                revises ? IngestStatus.REVISED : IngestStatus.ACCEPTED,
                                null,
                                snapshots.getOrDefault(
                                        new UnitYear(r.orgUnit(), r.period().year()), List.of()))
                        .withFlagged(flagged);
                status = "CURRENT";
            }
            results.add(result);
            if (status != null) {
                rows.add(new NewRevision(
                        r.reportId(),
                        r.revision(),
                        r.source(),
                        r.orgUnit(),
                        r.period().toString(),
                        hashes.get(i),
                        status,
                        channel,
                        writer.name(),
                        bodies.get(i),
                        write(result)));
                if (rows.size() == JdbcBatches.ROWS) {
                    // stored a slice at a time: a batch's results are not all held as JSON at once
                    reportStore.insertRevisions(rows);
                    rows.clear();
                }
            }
        }
        reportStore.insertRevisions(rows);
        reportStore.insertFlags(flags);
        // last: the read side's answers for these years are stale from the commit on (their rows stay locked until
        // then)
        versions.raise(touched.stream().map(ValueKey::year).toList());
        flags.forEach(f -> flagYears.add(f.year()));
        flagVersions.raise(flagYears);
        timed.done(Phase.STORE);
        if (dryRun) {
            // the interceptor rolls a transaction marked so back instead of committing it
            transactions.setRollbackOnly();
        } else {
            timed.commitAfter();
        }
        return List.copyOf(results);
    }

    /**
     * Locks what the request writes so that no two writers judge the combined state side by side where their figures meet
     * (the rules read them after the writes, inside the transaction). In order, each class's keys ascending:
     *
     * <ol>
     *   <li>each data set (district-year, {@link DataSets#LOCK_CLASS}): exclusive for the district's own figures — the rule
     *       "enterprises within their district" then reads all its enterprises, so none may write meanwhile — and shared
     *       for an enterprise's, so that the enterprises of a district without a total of its own write side by side
     *       (issue 19: at city scale every request took ten of the fifty district-years exclusive and they queued);</li>
     *   <li>each enterprise's year ({@link DataSets#UNIT_LOCK_CLASS}): two reports of one enterprise and year still meet in
     *       its part ≤ whole rules, its plausibility band and its indicators' revisions;</li>
     *   <li>the enterprises of each district that has figures of its own in the year ({@link
     *       DataSets#ENTERPRISES_LOCK_CLASS}): their sum is judged against the district's total, so they write one at a
     *       time. The district's figures are read under the shared lock of step 1, which its own writers need exclusive:
     *       what this request sees cannot change before its commit, so no total can arrive unseen between the look and
     *       the rules, and no shared lock has to be made exclusive (two sharers doing that would deadlock). A district
     *       with only part of a year is counted as having figures: the report that completes it takes step 1 exclusive.</li>
     * </ol>
     *
     * <p>A request of more than {@link #MAX_UNIT_LOCKS} enterprise-years takes every district-year exclusive and nothing
     * else, as before: the same exclusion with a bounded number of locks.
     */
    private void lockDataSets(Collection<UnitYear> affected, OrgUnits units) {
        Set<Integer> exclusive = new HashSet<>();
        Set<Integer> shared = new HashSet<>();
        Set<Integer> unitYears = new HashSet<>();
        Set<UnitYear> enterprisesOf = new HashSet<>();
        for (UnitYear u : affected) {
            UnitYear dataSet = DataSets.of(u.orgUnit(), u.year(), units);
            if (dataSet.orgUnit().equals(u.orgUnit())) {
                exclusive.add(DataSets.lockKey(config.code(), dataSet));
            } else {
                shared.add(DataSets.lockKey(config.code(), dataSet));
                unitYears.add(DataSets.lockKey(config.code(), u));
                enterprisesOf.add(dataSet);
            }
        }
        if (unitYears.size() > MAX_UNIT_LOCKS) {
            // a bulk load (the city's batches carry 1,000 enterprises): as many locks would fill the lock table that
            // every session of the cluster shares ("out of shared memory"); its district-years taken exclusive exclude
            // every other writer of them instead, with as many locks as district-years
            exclusive.addAll(shared);
            shared.clear();
            unitYears.clear();
            enterprisesOf.clear();
        }
        reportStore.lock(DataSets.LOCK_CLASS, exclusive, shared);
        reportStore.lock(DataSets.UNIT_LOCK_CLASS, unitYears);
        enterprisesOf.removeIf(d -> exclusive.contains(DataSets.lockKey(config.code(), d)));
        reportStore.lock(
                DataSets.ENTERPRISES_LOCK_CLASS,
                valueStore.withValues(enterprisesOf).stream()
                        .map(d -> DataSets.lockKey(config.code(), d))
                        .toList());
    }

    /**
     * Supersedes the revised reports' values and writes the applied reports' values.
     *
     * @param written the data element, org unit and year of each value written, in the reports' order
     * @param supersededYears where the years of the revisions superseded are added
     * @return the values the request wrote or removed
     */
    private Set<ValueKey> writeValues(
            Plan plan, ValueRows values, List<ValueKey> written, Set<Integer> supersededYears) {
        Set<ValueKey> touched = new HashSet<>();
        if (!plan.revisedIds().isEmpty()) {
            supersededYears.addAll(reportStore.markSuperseded(plan.revisedIds()));
            touched.addAll(valueStore.deleteValuesOf(plan.revisedIds()));
        }
        touched.addAll(written);
        valueStore.upsert(values);
        return touched;
    }

    /** The data element, org unit and year of each value of the reports, in their order. */
    private static List<ValueKey> writtenKeys(List<ParsedReport> applied) {
        List<ValueKey> keys = new ArrayList<>();
        for (ParsedReport r : applied) {
            for (ParsedReport.Value v : r.values()) {
                keys.add(new ValueKey(r.orgUnit(), v.dataElement(), r.period().year()));
            }
        }
        return keys;
    }

    /**
     * The enterprises' side of the combined-state rules, from the store inside the request's transaction, counting what it
     * reads: a sum is one value.
     */
    private final class StateReads implements CombinedStateRules.EnterpriseValues {
        private long values;

        StateReads(long values) {
            this.values = values;
        }

        @Override
        public Map<ValueKey, Double> yearSums(
                Map<ValueKey, List<String>> orgUnits, Function<String, Aggregation> aggregation) {
            Map<ValueKey, Double> sums = valueStore.yearSums(orgUnits, aggregation);
            values += sums.size();
            return sums;
        }

        @Override
        public Map<UnitYear, Map<String, List<PeriodValue>>> values(
                List<String> orgUnits, String dataElement, int year) {
            Map<UnitYear, Map<String, List<PeriodValue>>> read = valueStore.values(orgUnits, dataElement, year);
            values += count(read);
            return read;
        }
    }

    private static long count(Map<UnitYear, Map<String, List<PeriodValue>>> state) {
        long n = 0;
        for (Map<String, List<PeriodValue>> byElement : state.values()) {
            for (List<PeriodValue> vs : byElement.values()) {
                n += vs.size();
            }
        }
        return n;
    }

    /**
     * Where in the request a broken rule comes from: the value a report of the request contributed to it (the part
     * first), else the report that touched the org units and year (a revision that withdrew a value).
     */
    private static String fieldOf(CombinedStateRules.Violation v, List<ParsedReport> applied) {
        List<ParsedReport> involved = applied.stream()
                .filter(r -> v.orgUnits().contains(r.orgUnit())
                        && r.period().year() == v.period().year())
                .toList();
        for (CombinedStateRules.Side side : List.of(v.part(), v.whole())) {
            for (ParsedReport r : involved) {
                if (side.reportIds().contains(r.reportId())
                        && side.orgUnits().contains(r.orgUnit())
                        && r.values().stream().anyMatch(x -> x.dataElement().equals(side.dataElement()))) {
                    return r.valueAt(side.dataElement());
                }
            }
        }
        return (involved.isEmpty() ? applied.get(0) : involved.get(0)).at("reportId");
    }

    /** Recomputes the annual outputs of the affected districts and years; writes changed ones and their events. */
    private Map<UnitYear, List<IngestResult.IndicatorSnapshot>> recompute(
            SortedSet<UnitYear> affected,
            Map<UnitYear, String> triggeredBy,
            Map<UnitYear, Map<String, List<PeriodValue>>> values) {
        Map<UnitYear, List<IngestResult.IndicatorSnapshot>> snapshots = new HashMap<>();
        if (affected.isEmpty()) {
            return snapshots;
        }
        Map<Key, StoredIndicator> before = indicatorStore.indicators(affected);
        List<IndicatorRow> rows = new ArrayList<>();
        List<OutboxMessage> events = new ArrayList<>();
        Instant now = Instant.now();
        for (UnitYear uy : affected) {
            Period year = Period.year(uy.year());
            Map<String, PeriodRollUp.Total> totals = calculator.totals(year, values.getOrDefault(uy, Map.of()));
            List<IngestResult.IndicatorSnapshot> snap = new ArrayList<>();
            for (SectorCalculator.Output o : calculator.compute(totals)) {
                Key key = new Key(o.code(), uy.orgUnit(), uy.year());
                StoredIndicator old = before.get(key);
                long revision = old == null ? 0 : old.revision();
                boolean changed = old == null
                        ? o.value().present()
                        : !Objects.equals(old.value(), o.value().value())
                                || !Objects.equals(old.numerator(), o.value().numerator())
                                || !Objects.equals(old.denominator(), o.value().denominator())
                                || old.complete() != o.complete();
                if (changed) {
                    revision++;
                    String reportId = triggeredBy.get(uy);
                    rows.add(new IndicatorRow(
                            key,
                            o.kind().name(),
                            o.value().value(),
                            o.value().numerator(),
                            o.value().denominator(),
                            o.complete(),
                            revision,
                            reportId));
                    IndicatorEvent e = new IndicatorEvent(
                            UUID.randomUUID().toString(),
                            config.code().code(),
                            o.kind(),
                            o.code(),
                            uy.orgUnit(),
                            year.toString(),
                            o.value().value(),
                            o.value().numerator(),
                            o.value().denominator(),
                            o.unit(),
                            revision,
                            o.complete(),
                            reportId,
                            now);
                    events.add(new OutboxMessage(
                            Topics.indicators(config.code()),
                            e.key(),
                            UUID.fromString(e.eventId()),
                            CloudEventTypes.INDICATOR,
                            CloudEventTypes.sectorSource(config.code()),
                            e.subject(),
                            now,
                            CloudEventTypes.INDICATOR_SCHEMA,
                            write(e)));
                }
                if (o.value().present() && o.kind() == EventKind.INDICATOR) {
                    snap.add(new IngestResult.IndicatorSnapshot(
                            o.code(),
                            uy.orgUnit(),
                            year.toString(),
                            o.value().value(),
                            o.unit(),
                            Math.max(revision, 1),
                            o.complete()));
                }
            }
            snap.sort(Comparator.comparing(IngestResult.IndicatorSnapshot::indicator));
            snapshots.put(uy, snap);
        }
        indicatorStore.upsert(rows);
        outbox.write(events);
        return snapshots;
    }

    private byte[] body(ParsedReport r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reportId", r.reportId());
        body.put("source", r.source());
        body.put("orgUnit", r.orgUnit());
        body.put("period", r.period().toString());
        body.put("revision", r.revision());
        body.put("values", r.values());
        return write(body);
    }

    private byte[] write(Object o) {
        try {
            return json.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private IngestResult read(String s) {
        try {
            return json.readValue(s, IngestResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
