package io.synergy.sector.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.period.Period;
import io.synergy.model.period.PeriodType;
import io.synergy.model.report.IngestResult;
import io.synergy.model.report.ReportFlag;
import io.synergy.model.report.ReportHistory;
import io.synergy.model.report.ReportHistory.RevisionEntry;
import io.synergy.model.report.ReportValue;
import io.synergy.platform.read.AnswerMemo;
import io.synergy.platform.tabular.Tabular;
import io.synergy.sector.config.SectorConfig;
import io.synergy.sector.read.FlaggedValues.FlaggedEntry;
import io.synergy.sector.store.FlagVersionStore;
import io.synergy.sector.store.ReportStore;
import io.synergy.sector.store.ReportStore.RevisionRow;
import io.synergy.sector.store.ReportStore.StoredFlag;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reports as received: a report's revisions, and the values flagged for review. A page of the flagged values is
 * kept like the figures ({@link IndicatorQueries}): computed once per version of what it shows ({@link FlagVersionStore},
 * moved by every writer of flags, of the revisions' status and of acknowledgements in its own transaction), rendered
 * once, and served from memory until that moves.
 */
@ApplicationScoped
public class ReportQueries {

    /**
     * Pages kept: a page of 1,000 flagged values weighs about 1 MB typed and rendered, and the service's heap is 64 MB in
     * the local run; a reviewer's page of 100 about a tenth of it.
     */
    static final int PAGES_KEPT = 16;

    /** A page's question: every parameter it depends on. */
    private record FlaggedQuestion(ReportFlag flag, Period period, long after, int limit) {}

    private final ReportStore store;
    private final FlagVersionStore versions;
    private final ObjectMapper json;
    private final Catalogue catalogue;
    private final AnswerMemo<FlaggedQuestion, Tabular<FlaggedValues>> flaggedPages;

    public ReportQueries(
            ReportStore store, FlagVersionStore versions, ObjectMapper json, Catalogue catalogue, SectorConfig config) {
        this.store = store;
        this.versions = versions;
        this.json = json;
        this.catalogue = catalogue;
        this.flaggedPages = new AnswerMemo<>(PAGES_KEPT, config.answerMaxAge());
    }

    /** The stored body of a revision: only its values are read back. */
    private record StoredBody(List<ReportValue> values) {}

    /** A report's revisions, newest first; empty when there is no report with this id. */
    public Optional<ReportHistory> history(String reportId) {
        List<RevisionEntry> revisions = new ArrayList<>();
        for (RevisionRow r : store.history(reportId)) {
            revisions.add(new RevisionEntry(
                    r.revision(),
                    r.status(),
                    r.channel(),
                    r.sentBy(),
                    r.receivedAt(),
                    r.source(),
                    r.orgUnit(),
                    r.period(),
                    read(r.body(), StoredBody.class).values(),
                    r.result() == null ? null : read(r.result(), IngestResult.class)));
        }
        if (revisions.isEmpty()) {
            return Optional.empty();
        }
        Integer current = revisions.stream()
                .filter(r -> "CURRENT".equals(r.status()))
                .map(RevisionEntry::revision)
                .findFirst()
                .orElse(null);
        return Optional.of(new ReportHistory(reportId, current, revisions));
    }

    /**
     * A page of the values of current revisions flagged {@code flag}, oldest first.
     *
     * @param period a year (every period in it), a quarter (and its months) or a month; {@code null} for every period
     * @param after  the cursor: the id of the last entry of the previous page (0 for the first page)
     */
    public Tabular<FlaggedValues> flagged(ReportFlag flag, Period period, long after, int limit) {
        // read before the page is: a page is never tagged newer than it is
        long version = period == null ? versions.everyYear() : versions.version(period.year());
        // the list names org units by their codes alone: no org units' snapshot to compute it under
        return flaggedPages.get(
                new FlaggedQuestion(flag, period, after, limit),
                null,
                version,
                () -> Tabular.json(computeFlagged(flag, period, after, limit)).kept());
    }

    private FlaggedValues computeFlagged(ReportFlag flag, Period period, long after, int limit) {
        List<String> periods = null;
        if (period != null && period.type() != PeriodType.YEAR) {
            periods = new ArrayList<>(List.of(period.toString()));
            for (YearMonth m = period.firstMonth();
                    period.type() == PeriodType.QUARTER && !m.isAfter(period.lastMonth());
                    m = m.plusMonths(1)) {
                periods.add(m.toString()); // a month period is written as its YearMonth
            }
        }
        List<StoredFlag> rows = store.flags(flag.name(), period == null ? null : period.year(), periods, after, limit);
        List<FlaggedEntry> items = rows.stream()
                .map(f -> new FlaggedEntry(
                        f.id(),
                        f.reportId(),
                        f.revision(),
                        f.orgUnit(),
                        f.period(),
                        f.dataElement(),
                        f.value(),
                        catalogue
                                .dataElement(f.dataElement())
                                .map(DataElement::unit)
                                .orElse(null),
                        f.previousPeriod(),
                        f.previousValue(),
                        f.channel(),
                        f.sentBy(),
                        f.receivedAt(),
                        f.acknowledged() == null
                                ? null
                                : new FlaggedValues.Acknowledged(
                                        f.acknowledged().by(),
                                        f.acknowledged().at(),
                                        f.acknowledged().comment())))
                .toList();
        return new FlaggedValues(
                flag,
                period == null ? null : period.toString(),
                items,
                rows.size() == limit ? String.valueOf(rows.get(rows.size() - 1).id()) : null);
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored report revision that is not the JSON this service wrote", e);
        }
    }
}
