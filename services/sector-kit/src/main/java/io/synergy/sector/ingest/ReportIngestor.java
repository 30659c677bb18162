package io.synergy.sector.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.event.Topics;
import io.synergy.platform.outbox.OutboxMessage;
import io.synergy.platform.outbox.OutboxWriter;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.sector.compute.PeriodRollUp;
import io.synergy.sector.compute.SectorCalculator;
import io.synergy.sector.config.SectorConfig;
import io.synergy.sector.store.ReportStore;
import io.synergy.sector.store.ReportStore.StoredRevision;
import io.synergy.sector.store.ReportStore.UnitYear;
import io.synergy.sector.store.ReportStore.ValueKey;
import io.synergy.sector.security.Writer;
import io.synergy.sector.security.WriterAccess;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.model.period.Period;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

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
    static final int LOCK_UNIT_YEARS = 2;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxWriter outbox;

    @Inject
    Catalogue catalogue;

    @Inject
    SectorConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    OrgUnitRegistry orgUnits;

    @Inject
    WriterAccess access;

    private SectorCalculator calculator;
    private CombinedStateRules stateRules;
    private Plausibility plausibility;

    SectorCalculator calculator() {
        if (calculator == null) {
            calculator = new SectorCalculator(catalogue, config.code());
        }
        return calculator;
    }

    private CombinedStateRules stateRules() {
        if (stateRules == null) {
            stateRules = new CombinedStateRules(catalogue, config.code());
        }
        return stateRules;
    }

    private Plausibility plausibility() {
        if (plausibility == null) {
            plausibility = new Plausibility(catalogue, config.plausibility().maxRatio());
        }
        return plausibility;
    }

    /**
     * @param channel REST, CSV or KAFKA
     * @param writer  who sends them: recorded with each revision, and checked against the stored reports' org units
     */
    @Transactional
    public List<IngestResult> ingest(List<ParsedReport> reports, String channel, Writer writer) {
        try (Connection c = dataSource.getConnection()) {
            return ingest(c, reports, channel, writer);
        } catch (SQLException e) {
            throw new IllegalStateException("could not store " + reports.size() + " reports", e);
        }
    }

    private List<IngestResult> ingest(Connection c, List<ParsedReport> reports, String channel, Writer writer) throws SQLException {
        OrgUnits units = orgUnits.current();
        List<String> ids = reports.stream().map(ParsedReport::reportId).distinct().toList();
        ReportStore.lock(c, LOCK_REPORTS, ids.stream().map(String::hashCode).toList());
        Map<String, List<StoredRevision>> stored = ReportStore.revisions(c, ids);
        Map<String, StoredRevision> anchors = new HashMap<>();
        stored.forEach((id, revs) -> anchors.put(id, anchor(revs)));
        access.checkReportOwners(writer, reports.stream().map(r -> r.at("reportId")).toList(),
                reports.stream().map(r -> anchors.containsKey(r.reportId()) ? anchors.get(r.reportId()).orgUnit() : null).toList(), units);
        checkScope(reports, anchors);

        // the highest revision of each report id in this request is the candidate; lower ones only join the history
        Map<String, ParsedReport> highest = new HashMap<>();
        for (ParsedReport r : reports) {
            highest.merge(r.reportId(), r, (a, b) -> a.revision() >= b.revision() ? a : b);
        }

        IngestResult[] results = new IngestResult[reports.size()];
        List<FieldError> conflicts = new ArrayList<>();
        List<ParsedReport> applied = new ArrayList<>();
        List<String> revisedIds = new ArrayList<>();
        TreeSet<UnitYear> affected = new TreeSet<>();
        // the report whose acceptance changes each district-year (also the one a revision moved away from)
        Map<UnitYear, String> triggeredBy = new HashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            ParsedReport r = reports.get(i);
            List<StoredRevision> revs = stored.getOrDefault(r.reportId(), List.of());
            StoredRevision same = revs.stream().filter(s -> s.revision() == r.revision()).findFirst().orElse(null);
            int current = revs.stream().filter(s -> "CURRENT".equals(s.status())).mapToInt(StoredRevision::revision).max().orElse(0);
            if (same != null) {
                if (same.contentHash().equals(r.contentHash())) {
                    results[i] = read(same.result()).withStatus(IngestStatus.DUPLICATE,
                            "identical to revision " + r.revision() + " already received; nothing changed");
                } else {
                    conflicts.add(new FieldError(r.at("revision"), "report " + r.reportId()
                            + " revision " + r.revision() + " was already received with different content; send it as revision "
                            + (revs.stream().mapToInt(StoredRevision::revision).max().orElse(0) + 1) + " to correct it"));
                }
            } else if (highest.get(r.reportId()) != r) {
                results[i] = new IngestResult(r.reportId(), r.revision(), IngestStatus.SUPERSEDED,
                        "revision " + highest.get(r.reportId()).revision() + " of the same report in this request replaces it", List.of());
            } else if (r.revision() > current) {
                applied.add(r);
                UnitYear target = new UnitYear(r.orgUnit(), r.period().year());
                affected.add(target);
                triggeredBy.put(target, r.reportId());
                if (current > 0) {
                    revisedIds.add(r.reportId());
                    revs.stream().filter(s -> s.revision() == current).findFirst().ifPresent(s -> {
                        UnitYear previous = new UnitYear(s.orgUnit(), Period.parse(s.period()).year());
                        affected.add(previous);
                        triggeredBy.putIfAbsent(previous, r.reportId());
                    });
                }
            } else {
                results[i] = new IngestResult(r.reportId(), r.revision(), IngestStatus.STALE,
                        "revision " + r.revision() + " is older than the current revision " + current + "; kept in the history, values ignored",
                        List.of());
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ProblemException(409, "revision-conflict", "Report revision conflict",
                    "A report id and revision can carry one content only; nothing was stored", conflicts);
        }

        // one lock per district and year, taken by its enterprises too: the rule that holds them within their district
        // reads all of them, so two writers of one district's figures must not judge the state side by side
        ReportStore.lock(c, LOCK_UNIT_YEARS, affected.stream().map(u -> (config.code().code() + ":"
                + units.districtOf(u.orgUnit()).map(OrgUnit::code).orElse(u.orgUnit()) + ":" + u.year()).hashCode()).toList());
        Set<ValueKey> touched = new HashSet<>();
        if (!revisedIds.isEmpty()) {
            ReportStore.markSuperseded(c, revisedIds);
            touched.addAll(ReportStore.deleteValuesOf(c, revisedIds));
        }
        ReportStore.upsertValues(c, applied);
        for (ParsedReport r : applied) {
            r.values().forEach(v -> touched.add(new ValueKey(r.orgUnit(), v.dataElement(), r.period().year())));
        }

        // the state as it now stands (inside this transaction): the rules, the plausibility band and the recomputation read it
        Set<UnitYear> reads = new TreeSet<>(affected);
        reads.addAll(stateRules().reads(touched, units));
        for (ParsedReport r : applied) {
            Plausibility.yearBefore(r.period()).ifPresent(p -> reads.add(new UnitYear(r.orgUnit(), p.year())));
        }
        Map<UnitYear, Map<String, List<PeriodRollUp.PeriodValue>>> state = reads.isEmpty() ? Map.of() : ReportStore.values(c, reads);
        List<CombinedStateRules.Violation> violations = stateRules().check(state, touched, units);
        if (!violations.isEmpty()) {
            throw new ProblemException(422, "combined-state-rule", "The combined figures would break a rule",
                    "合并后的数据违反目录规则,未保存任何内容 / With this request, the figures of an org unit and period taken together would break "
                            + violations.size() + " rule(s) of the catalogue; nothing was stored",
                    violations.stream().map(v -> new FieldError(fieldOf(v, applied), v.message())).toList());
        }
        Map<UnitYear, List<IngestResult.IndicatorSnapshot>> snapshots = recompute(c, affected, triggeredBy, state);

        List<ReportStore.NewRevision> rows = new ArrayList<>();
        List<ReportStore.NewFlag> flags = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            ParsedReport r = reports.get(i);
            if (results[i] == null && applied.contains(r)) {
                List<IngestResult.FlaggedValue> flagged = plausibility().check(r, Plausibility.yearBefore(r.period())
                        .map(p -> state.getOrDefault(new UnitYear(r.orgUnit(), p.year()), Map.of())).orElse(Map.of()));
                results[i] = new IngestResult(r.reportId(), r.revision(), revisedIds.contains(r.reportId()) ? IngestStatus.REVISED : IngestStatus.ACCEPTED,
                        null, snapshots.getOrDefault(new UnitYear(r.orgUnit(), r.period().year()), List.of())).withFlagged(flagged);
                rows.add(new ReportStore.NewRevision(r, "CURRENT", channel, writer.name(), body(r), write(results[i])));
                for (IngestResult.FlaggedValue f : flagged) {
                    flags.add(new ReportStore.NewFlag(r.reportId(), r.revision(), f.flag().name(), f.dataElement(), r.orgUnit(), r.period(), f.value(),
                            Period.parse(f.previousPeriod()), f.previousValue()));
                }
            } else if (results[i] != null && (results[i].status() == IngestStatus.STALE || results[i].status() == IngestStatus.SUPERSEDED)) {
                rows.add(new ReportStore.NewRevision(r, results[i].status() == IngestStatus.STALE ? "STALE" : "SUPERSEDED", channel, writer.name(),
                        body(r), write(results[i])));
            }
        }
        ReportStore.insertRevisions(c, rows);
        ReportStore.insertFlags(c, flags);
        return List.of(results);
    }

    /** The revision that holds a stored report's org unit and period: its current one (the first, unless revised). */
    private static StoredRevision anchor(List<StoredRevision> revisions) {
        return revisions.stream().filter(s -> "CURRENT".equals(s.status())).findFirst()
                .orElse(revisions.get(revisions.size() - 1));
    }

    /**
     * A report's org unit and period are fixed by its first revision: a revision that would move its figures to
     * another org unit or period is refused, so one report id never holds two places' data and no writer empties
     * another district by reusing an id. Within one request, the first revision of a new report fixes them.
     */
    private static void checkScope(List<ParsedReport> reports, Map<String, StoredRevision> anchors) {
        record Scope(String orgUnit, String period, String fixedBy) {
        }
        Map<String, Scope> fixed = new HashMap<>();
        anchors.forEach((id, s) -> fixed.put(id, new Scope(s.orgUnit(), s.period(), "its first revision")));
        List<FieldError> errors = new ArrayList<>();
        for (ParsedReport r : reports) {
            Scope f = fixed.computeIfAbsent(r.reportId(), k -> new Scope(r.orgUnit(), r.period().toString(),
                    "revision " + r.revision() + " earlier in this request"));
            if (!f.orgUnit().equals(r.orgUnit())) {
                errors.add(new FieldError(r.at("orgUnit"), "report " + r.reportId() + " holds figures of " + f.orgUnit() + " (fixed by "
                        + f.fixedBy() + "); a revision may not move it to " + r.orgUnit() + ": send " + r.orgUnit()
                        + "'s figures under a report id of their own"));
            }
            if (!f.period().equals(r.period().toString())) {
                errors.add(new FieldError(r.at("period"), "report " + r.reportId() + " is for " + f.period() + " (fixed by " + f.fixedBy()
                        + "); a revision may not move it to " + r.period() + ": send " + r.period() + " under a report id of its own"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(409, "report-scope-fixed", "A report's org unit and period are fixed",
                    "A revision may correct a report's values, not move it to another org unit or period; nothing was stored", errors);
        }
    }

    /**
     * Where in the request a broken rule comes from: the value a report of the request contributed to it (the part
     * first), else the report that touched the org units and year (a revision that withdrew a value).
     */
    private static String fieldOf(CombinedStateRules.Violation v, List<ParsedReport> applied) {
        List<ParsedReport> involved = applied.stream()
                .filter(r -> v.orgUnits().contains(r.orgUnit()) && r.period().year() == v.period().year()).toList();
        for (CombinedStateRules.Side side : List.of(v.part(), v.whole())) {
            for (ParsedReport r : involved) {
                if (side.reportIds().contains(r.reportId()) && side.orgUnits().contains(r.orgUnit())
                        && r.values().stream().anyMatch(x -> x.dataElement().equals(side.dataElement()))) {
                    return r.valueAt(side.dataElement());
                }
            }
        }
        return (involved.isEmpty() ? applied.get(0) : involved.get(0)).at("reportId");
    }

    /** Recomputes the annual outputs of the affected districts and years; writes changed ones and their events. */
    private Map<UnitYear, List<IngestResult.IndicatorSnapshot>> recompute(Connection c, TreeSet<UnitYear> affected,
            Map<UnitYear, String> triggeredBy, Map<UnitYear, Map<String, List<PeriodRollUp.PeriodValue>>> values) throws SQLException {
        Map<UnitYear, List<IngestResult.IndicatorSnapshot>> snapshots = new HashMap<>();
        if (affected.isEmpty()) {
            return snapshots;
        }
        Map<String, ReportStore.StoredIndicator> before = ReportStore.indicators(c, affected);
        List<ReportStore.IndicatorRow> rows = new ArrayList<>();
        List<OutboxMessage> events = new ArrayList<>();
        Instant now = Instant.now();
        for (UnitYear uy : affected) {
            Period year = Period.year(uy.year());
            Map<String, PeriodRollUp.Total> totals = calculator().totals(year, values.getOrDefault(uy, Map.of()));
            List<IngestResult.IndicatorSnapshot> snap = new ArrayList<>();
            for (SectorCalculator.Output o : calculator().compute(totals)) {
                ReportStore.StoredIndicator old = before.get(ReportStore.key(o.code(), uy.orgUnit(), uy.year()));
                long revision = old == null ? 0 : old.revision();
                boolean changed = old == null ? o.value().present()
                        : !Objects.equals(old.value(), o.value().value()) || !Objects.equals(old.numerator(), o.value().numerator())
                                || !Objects.equals(old.denominator(), o.value().denominator()) || old.complete() != o.complete();
                if (changed) {
                    revision++;
                    String reportId = triggeredBy.get(uy);
                    rows.add(new ReportStore.IndicatorRow(o.code(), uy.orgUnit(), uy.year(), o.kind().name(), o.value().value(),
                            o.value().numerator(), o.value().denominator(), o.complete(), revision, reportId));
                    IndicatorEvent e = new IndicatorEvent(UUID.randomUUID().toString(), config.code().code(), o.kind(), o.code(), uy.orgUnit(),
                            year.toString(), o.value().value(), o.value().numerator(), o.value().denominator(), o.unit(), revision, o.complete(),
                            reportId, now);
                    events.add(new OutboxMessage(Topics.indicators(config.code()), e.key(), UUID.fromString(e.eventId()), CloudEventTypes.INDICATOR,
                            CloudEventTypes.sectorSource(config.code()), e.subject(), now, CloudEventTypes.INDICATOR_SCHEMA, write(e)));
                }
                if (o.value().present() && o.kind() == io.synergy.model.event.EventKind.INDICATOR) {
                    snap.add(new IngestResult.IndicatorSnapshot(o.code(), uy.orgUnit(), year.toString(), o.value().value(), o.unit(),
                            Math.max(revision, 1), o.complete()));
                }
            }
            snap.sort(Comparator.comparing(IngestResult.IndicatorSnapshot::indicator));
            snapshots.put(uy, snap);
        }
        ReportStore.upsertIndicators(c, rows);
        outbox.write(events);
        return snapshots;
    }

    private String body(ParsedReport r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reportId", r.reportId());
        body.put("source", r.source());
        body.put("orgUnit", r.orgUnit());
        body.put("period", r.period().toString());
        body.put("revision", r.revision());
        body.put("values", r.values());
        return write(body);
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
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
