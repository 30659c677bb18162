package io.synergy.sector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synergy.model.period.Period;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.sector.ingest.RevisionRules.Apply;
import io.synergy.sector.ingest.RevisionRules.Duplicate;
import io.synergy.sector.ingest.RevisionRules.Plan;
import io.synergy.sector.ingest.RevisionRules.Stale;
import io.synergy.sector.ingest.RevisionRules.Superseded;
import io.synergy.sector.model.ParsedReport;
import io.synergy.sector.model.UnitYear;
import io.synergy.sector.store.ReportStore.StoredRevision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What becomes of each report of a request, from the stored revisions alone: no database, no service. */
class RevisionRulesTest {

    private static final String TOTAL = "energy.primary.total";

    private final Map<String, List<StoredRevision>> stored = new HashMap<>();

    /** A report of the request; {@code path} as in a batch ({@code [i]}). */
    private static ParsedReport report(
            String id, int revision, String orgUnit, String period, double value, String path) {
        return new ParsedReport(
                id,
                "s",
                orgUnit,
                Period.parse(period),
                revision,
                List.of(new ParsedReport.Value(TOTAL, value)),
                path,
                Map.of(TOTAL, path.isEmpty() ? "values[0]" : path + ".values[0]"));
    }

    private static ParsedReport report(String id, int revision, double value) {
        return report(id, revision, value, "");
    }

    private static ParsedReport report(String id, int revision, double value, String path) {
        return report(id, revision, "370202", "2024", value, path);
    }

    /** Stores a revision as the history has it, with the content hash of the same report. */
    private void store(ParsedReport r, String status) {
        stored.computeIfAbsent(r.reportId(), k -> new ArrayList<>())
                .add(new StoredRevision(
                        r.reportId(),
                        r.revision(),
                        r.contentHash(),
                        status,
                        r.orgUnit(),
                        r.period().toString(),
                        "{\"stored\":true}"));
    }

    private static List<String> fields(ProblemException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aNewReportIsAppliedAndChangesItsUnitYear() {
        ParsedReport r = report("a", 1, 10);
        Plan plan = RevisionRules.decide(List.of(r), stored);
        assertThat(plan.verdicts()).singleElement().isEqualTo(new Apply(false, null));
        assertThat(plan.applied()).containsExactly(r);
        assertThat(plan.revisedIds()).isEmpty();
        assertThat(plan.affected()).containsExactly(new UnitYear("370202", 2024));
        assertThat(plan.triggeredBy()).containsEntry(new UnitYear("370202", 2024), "a");
    }

    @Test
    void theSameContentUnderAStoredRevisionIsADuplicateOfIt() {
        ParsedReport r = report("a", 1, 10);
        store(r, "CURRENT");
        Plan plan = RevisionRules.decide(List.of(report("a", 1, 10)), stored);
        assertThat(plan.verdicts())
                .singleElement()
                .isInstanceOfSatisfying(
                        Duplicate.class, d -> assertThat(d.original().result()).isEqualTo("{\"stored\":true}"));
        assertThat(plan.applied()).isEmpty();
        assertThat(plan.affected()).isEmpty();
    }

    @Test
    void otherContentUnderAStoredRevisionIsAConflictNamingTheNextFreeRevision() {
        store(report("a", 1, 10), "SUPERSEDED");
        store(report("a", 2, 11), "CURRENT");
        ParsedReport changed = report("a", 1, 12, "[1]");
        assertThatThrownBy(() -> RevisionRules.decide(List.of(report("b", 1, 1, "[0]"), changed), stored))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.toProblem(null).type()).endsWith("/revision-conflict");
                    assertThat(fields(e)).containsExactly("[1].revision");
                    assertThat(e.errors().get(0).message()).contains("report a revision 1", "send it as revision 3");
                });
    }

    @Test
    void aHigherRevisionRevisesTheCurrentOne() {
        ParsedReport first = report("a", 1, 10);
        store(first, "CURRENT");
        ParsedReport second = report("a", 2, 20);
        Plan plan = RevisionRules.decide(List.of(second), stored);
        assertThat(plan.verdicts()).singleElement().isInstanceOfSatisfying(Apply.class, a -> {
            assertThat(a.revises()).isTrue();
            assertThat(a.previous().revision()).isEqualTo(1);
        });
        assertThat(plan.revisedIds()).containsExactly("a");
        assertThat(plan.applied()).containsExactly(second);
    }

    @Test
    void aLowerRevisionArrivingLateIsStale() {
        store(report("a", 1, 10), "SUPERSEDED");
        store(report("a", 3, 30), "CURRENT");
        Plan plan = RevisionRules.decide(List.of(report("a", 2, 20)), stored);
        assertThat(plan.verdicts()).containsExactly(new Stale(3));
        assertThat(plan.applied()).isEmpty();
        assertThat(plan.affected()).isEmpty();
    }

    @Test
    void withinOneRequestTheHighestRevisionWinsAndTheOthersAreSuperseded() {
        ParsedReport one = report("a", 1, 10, "[0]");
        ParsedReport three = report("a", 3, 30, "[1]");
        ParsedReport two = report("a", 2, 20, "[2]");
        Plan plan = RevisionRules.decide(List.of(one, three, two), stored);
        assertThat(plan.verdicts()).containsExactly(new Superseded(3), new Apply(false, null), new Superseded(3));
        assertThat(plan.applied()).containsExactly(three);
        assertThat(plan.revisedIds())
                .as("nothing was current before the request")
                .isEmpty();
    }

    @Test
    void aRevisionMayNotMoveAReportToAnotherOrgUnitOrPeriod() {
        store(report("a", 1, 10), "CURRENT");
        ParsedReport moved = report("a", 2, "370203", "2024Q1", 10, "");
        assertThatThrownBy(() -> RevisionRules.decide(List.of(moved), stored))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.toProblem(null).type()).endsWith("/report-scope-fixed");
                    assertThat(fields(e)).containsExactly("orgUnit", "period");
                    assertThat(e.errors().get(0).message())
                            .contains("holds figures of 370202", "fixed by its first revision", "370203");
                    assertThat(e.errors().get(1).message()).contains("is for 2024", "2024Q1");
                });
    }

    @Test
    void theFirstRevisionOfANewReportInTheRequestFixesItsScope() {
        ParsedReport first = report("a", 1, "370202", "2024", 10, "[0]");
        ParsedReport elsewhere = report("a", 2, "370203", "2024", 10, "[1]");
        assertThatThrownBy(() -> RevisionRules.decide(List.of(first, elsewhere), stored))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(fields(e)).containsExactly("[1].orgUnit");
                    assertThat(e.errors().get(0).message()).contains("fixed by revision 1 earlier in this request");
                });
    }

    @Test
    void theScopeIsCheckedBeforeConflicts() {
        store(report("a", 1, 10), "CURRENT");
        // both a conflict (revision 1, other value) and a move: the move is named
        ParsedReport both = report("a", 1, "370203", "2024", 11, "");
        assertThatThrownBy(() -> RevisionRules.decide(List.of(both), stored))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> assertThat(e.toProblem(null).type()).endsWith("/report-scope-fixed"));
    }

    @Test
    void aStoredReportIsAnchoredByItsCurrentRevisionOrElseItsLast() {
        StoredRevision one = new StoredRevision("a", 1, "h1", "SUPERSEDED", "370202", "2024", null);
        StoredRevision two = new StoredRevision("a", 2, "h2", "CURRENT", "370202", "2024", null);
        StoredRevision three = new StoredRevision("a", 3, "h3", "STALE", "370202", "2024", null);
        assertThat(RevisionRules.anchor(List.of(one, two, three))).isEqualTo(two);
        assertThat(RevisionRules.anchor(List.of(one, three))).isEqualTo(three);
        assertThat(RevisionRules.anchors(Map.of("a", List.of(one, two)))).containsEntry("a", two);
    }

    @Test
    void eachAppliedReportChangesItsOwnUnitYearAndIsNamedAsItsTrigger() {
        ParsedReport a = report("a", 1, "370202", "2024", 10, "[0]");
        ParsedReport b = report("b", 1, "370203", "2023-05", 10, "[1]");
        ParsedReport c = report("c", 1, "370202", "2024Q2", 10, "[2]");
        Plan plan = RevisionRules.decide(List.of(a, b, c), stored);
        assertThat(plan.affected()).containsExactly(new UnitYear("370202", 2024), new UnitYear("370203", 2023));
        // the last report of the request that changes a unit-year is the one its events name
        assertThat(plan.triggeredBy())
                .containsEntry(new UnitYear("370202", 2024), "c")
                .containsEntry(new UnitYear("370203", 2023), "b");
    }
}
