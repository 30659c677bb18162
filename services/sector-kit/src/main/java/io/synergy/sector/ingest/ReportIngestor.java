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

    private SectorCalculator calculator;

    SectorCalculator calculator() {
        if (calculator == null) {
            calculator = new SectorCalculator(catalogue, config.code());
        }
        return calculator;
    }

    @Transactional
    public List<IngestResult> ingest(List<ParsedReport> reports, String channel) {
        try (Connection c = dataSource.getConnection()) {
            return ingest(c, reports, channel);
        } catch (SQLException e) {
            throw new IllegalStateException("could not store " + reports.size() + " reports", e);
        }
    }

    private List<IngestResult> ingest(Connection c, List<ParsedReport> reports, String channel) throws SQLException {
        List<String> ids = reports.stream().map(ParsedReport::reportId).distinct().toList();
        ReportStore.lock(c, LOCK_REPORTS, ids.stream().map(String::hashCode).toList());
        Map<String, List<StoredRevision>> stored = ReportStore.revisions(c, ids);

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
                    conflicts.add(new FieldError(reports.size() > 1 ? "[" + i + "].revision" : "revision", "report " + r.reportId()
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

        ReportStore.lock(c, LOCK_UNIT_YEARS, affected.stream().map(u -> (config.code().code() + ":" + u.orgUnit() + ":" + u.year()).hashCode()).toList());
        if (!revisedIds.isEmpty()) {
            ReportStore.markSuperseded(c, revisedIds);
            ReportStore.deleteValuesOf(c, revisedIds);
        }
        ReportStore.upsertValues(c, applied);
        Map<UnitYear, List<IngestResult.IndicatorSnapshot>> snapshots = recompute(c, affected, triggeredBy);

        List<ReportStore.NewRevision> rows = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            ParsedReport r = reports.get(i);
            if (results[i] == null && applied.contains(r)) {
                results[i] = new IngestResult(r.reportId(), r.revision(), revisedIds.contains(r.reportId()) ? IngestStatus.REVISED : IngestStatus.ACCEPTED,
                        null, snapshots.getOrDefault(new UnitYear(r.orgUnit(), r.period().year()), List.of()));
                rows.add(new ReportStore.NewRevision(r, "CURRENT", channel, body(r), write(results[i])));
            } else if (results[i] != null && (results[i].status() == IngestStatus.STALE || results[i].status() == IngestStatus.SUPERSEDED)) {
                rows.add(new ReportStore.NewRevision(r, results[i].status() == IngestStatus.STALE ? "STALE" : "SUPERSEDED", channel, body(r),
                        write(results[i])));
            }
        }
        ReportStore.insertRevisions(c, rows);
        return List.of(results);
    }

    /** Recomputes the annual outputs of the affected districts and years; writes changed ones and their events. */
    private Map<UnitYear, List<IngestResult.IndicatorSnapshot>> recompute(Connection c, TreeSet<UnitYear> affected,
            Map<UnitYear, String> triggeredBy) throws SQLException {
        Map<UnitYear, List<IngestResult.IndicatorSnapshot>> snapshots = new HashMap<>();
        if (affected.isEmpty()) {
            return snapshots;
        }
        Map<UnitYear, Map<String, List<PeriodRollUp.PeriodValue>>> values = ReportStore.values(c, affected);
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
