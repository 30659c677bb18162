package io.synergy.sector.ingest;

import io.synergy.model.period.Period;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.sector.model.ParsedReport;
import io.synergy.sector.model.UnitYear;
import io.synergy.sector.store.ReportStore.StoredRevision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What becomes of each report of a request, given the revisions already stored: a pure function of the two, decided
 * before anything is written (and unit-tested on its own, RevisionRulesTest).
 *
 * <ul>
 *   <li>a report id and revision already stored with the same content is a <b>duplicate</b>: the original answer stands;</li>
 *   <li>the same id and revision with other content is a <b>conflict</b> (409 {@code revision-conflict}): a revision
 *       carries one content only;</li>
 *   <li>a lower revision sent together with a higher one of the same report is <b>superseded</b> within the request;</li>
 *   <li>a revision above the current one is <b>applied</b>: new (the first revision) or <b>revising</b> the current one;</li>
 *   <li>a revision below the current one arrives late: it is <b>stale</b>, kept in the history, its values ignored;</li>
 *   <li>a report's org unit and period are <b>fixed</b> by its first revision (409 {@code report-scope-fixed}): a revision
 *       may correct its values, not move them to another org unit or period.</li>
 * </ul>
 */
public final class RevisionRules {

    private RevisionRules() {}

    /** The verdict on one report of the request. */
    public sealed interface Verdict permits Duplicate, Superseded, Apply, Stale {}

    /** Identical to a stored revision: nothing changes, the stored answer is repeated. */
    public record Duplicate(StoredRevision original) implements Verdict {}

    /** A higher revision of the same report in this request replaces it: kept in the history only. */
    public record Superseded(int by) implements Verdict {}

    /** Stored as the current revision; {@code revises} when it replaces a current revision ({@code previous}). */
    public record Apply(boolean revises, StoredRevision previous) implements Verdict {}

    /** Older than the current revision: kept in the history, its values ignored. */
    public record Stale(int current) implements Verdict {}

    /**
     * The verdicts, one per report in request order (when nothing conflicts), and what the applied reports change.
     *
     * @param applied     the reports whose values become current, in request order
     * @param revisedIds  the ids of the reports whose current revision they replace
     * @param affected    the org units and years whose indicators are to be recomputed (also those a revision moved away from)
     * @param triggeredBy the report that changes each of them (the first in the request for a unit-year a revision left)
     */
    public record Plan(
            List<Verdict> verdicts,
            List<ParsedReport> applied,
            List<String> revisedIds,
            SortedSet<UnitYear> affected,
            Map<UnitYear, String> triggeredBy) {}

    /** The revision that holds a stored report's org unit and period: its current one (the first, unless revised). */
    public static StoredRevision anchor(List<StoredRevision> revisions) {
        return revisions.stream()
                .filter(s -> "CURRENT".equals(s.status()))
                .findFirst()
                .orElse(revisions.get(revisions.size() - 1));
    }

    /** The anchor ({@link #anchor}) of each stored report. */
    public static Map<String, StoredRevision> anchors(Map<String, List<StoredRevision>> stored) {
        Map<String, StoredRevision> anchors = new HashMap<>();
        stored.forEach((id, revisions) -> anchors.put(id, anchor(revisions)));
        return anchors;
    }

    /**
     * Decides every report of a request.
     *
     * @param stored every stored revision of the request's report ids, lowest first
     * @throws ProblemException 409 {@code report-scope-fixed} when a revision would move a report to another org unit or
     *                          period; 409 {@code revision-conflict} when a stored revision came with other content
     */
    public static Plan decide(List<ParsedReport> reports, Map<String, List<StoredRevision>> stored) {
        checkScope(reports, anchors(stored));

        // the highest revision of each report id in this request is the candidate; lower ones only join the history
        Map<String, ParsedReport> highest = new HashMap<>();
        for (ParsedReport r : reports) {
            highest.merge(r.reportId(), r, (a, b) -> a.revision() >= b.revision() ? a : b);
        }
        List<Verdict> verdicts = new ArrayList<>();
        List<FieldError> conflicts = new ArrayList<>();
        List<ParsedReport> applied = new ArrayList<>();
        List<String> revisedIds = new ArrayList<>();
        SortedSet<UnitYear> affected = new TreeSet<>();
        Map<UnitYear, String> triggeredBy = new HashMap<>();
        for (ParsedReport r : reports) {
            List<StoredRevision> revisions = stored.getOrDefault(r.reportId(), List.of());
            StoredRevision same = revisions.stream()
                    .filter(s -> s.revision() == r.revision())
                    .findFirst()
                    .orElse(null);
            int current = revisions.stream()
                    .filter(s -> "CURRENT".equals(s.status()))
                    .mapToInt(StoredRevision::revision)
                    .max()
                    .orElse(0);
            if (same != null) {
                if (same.contentHash().equals(r.contentHash())) {
                    verdicts.add(new Duplicate(same));
                } else {
                    conflicts.add(new FieldError(
                            r.at("revision"),
                            "report " + r.reportId() + " revision " + r.revision()
                                    + " was already received with different content; send it as revision "
                                    + (revisions.stream()
                                                    .mapToInt(StoredRevision::revision)
                                                    .max()
                                                    .orElse(0)
                                            + 1) + " to correct it"));
                }
            } else if (highest.get(r.reportId()) != r) {
                verdicts.add(new Superseded(highest.get(r.reportId()).revision()));
            } else if (r.revision() > current) {
                StoredRevision previous = revisions.stream()
                        .filter(s -> s.revision() == current)
                        .findFirst()
                        .orElse(null);
                verdicts.add(new Apply(current > 0, previous));
                applied.add(r);
                UnitYear target = new UnitYear(r.orgUnit(), r.period().year());
                affected.add(target);
                triggeredBy.put(target, r.reportId());
                if (current > 0) {
                    revisedIds.add(r.reportId());
                    if (previous != null) {
                        UnitYear left = new UnitYear(
                                previous.orgUnit(),
                                Period.parse(previous.period()).year());
                        affected.add(left);
                        triggeredBy.putIfAbsent(left, r.reportId());
                    }
                }
            } else {
                verdicts.add(new Stale(current));
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ProblemException(
                    409,
                    "revision-conflict",
                    "Report revision conflict",
                    "A report id and revision can carry one content only; nothing was stored",
                    conflicts);
        }
        return new Plan(List.copyOf(verdicts), List.copyOf(applied), List.copyOf(revisedIds), affected, triggeredBy);
    }

    /**
     * A report's org unit and period are fixed by its first revision: a revision that would move its figures to
     * another org unit or period is refused, so one report id never holds two places' data and no writer empties
     * another district by reusing an id. Within one request, the first revision of a new report fixes them.
     */
    static void checkScope(List<ParsedReport> reports, Map<String, StoredRevision> anchors) {
        record Scope(String orgUnit, String period, String fixedBy) {}
        Map<String, Scope> fixed = new HashMap<>();
        anchors.forEach((id, s) -> fixed.put(id, new Scope(s.orgUnit(), s.period(), "its first revision")));
        List<FieldError> errors = new ArrayList<>();
        for (ParsedReport r : reports) {
            Scope f = fixed.computeIfAbsent(
                    r.reportId(),
                    k -> new Scope(
                            r.orgUnit(),
                            r.period().toString(),
                            "revision " + r.revision() + " earlier in this request"));
            if (!f.orgUnit().equals(r.orgUnit())) {
                errors.add(new FieldError(
                        r.at("orgUnit"),
                        "report " + r.reportId() + " holds figures of " + f.orgUnit() + " (fixed by "
                                + f.fixedBy() + "); a revision may not move it to " + r.orgUnit() + ": send "
                                + r.orgUnit()
                                + "'s figures under a report id of their own"));
            }
            if (!f.period().equals(r.period().toString())) {
                errors.add(new FieldError(
                        r.at("period"),
                        "report " + r.reportId() + " is for " + f.period() + " (fixed by " + f.fixedBy()
                                + "); a revision may not move it to " + r.period() + ": send " + r.period()
                                + " under a report id of its own"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    409,
                    "report-scope-fixed",
                    "A report's org unit and period are fixed",
                    "A revision may correct a report's values, not move it to another org unit or period; nothing was stored",
                    errors);
        }
    }
}
