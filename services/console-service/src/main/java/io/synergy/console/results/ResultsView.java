package io.synergy.console.results;

import io.synergy.results.view.ResultDocument;
import io.synergy.results.view.ResultSource;
import io.synergy.results.view.ResultView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's copy of the results: the newest document of every org unit, year and view (latest, official), as the
 * aggregation publishes them on the compacted {@code results.v1} ({@link ResultsFeed} reads the topic from its start at every boot). The dashboard's
 * answers are built from these documents by the views of {@code results-view}, the same code the aggregation's read API
 * builds them with; the console reads no table of another service.
 */
@ApplicationScoped
public class ResultsView implements ResultSource {

    /**
     * The fingerprint of the results held: any result that changed changes it (the dashboard reloads when it moves).
     *
     * @param results        documents held
     * @param versionSum     the sum of their versions
     * @param lastComputedAt the newest computation, {@code null} without any
     */
    public record Fingerprint(long results, long versionSum, Instant lastComputedAt) {}

    private final Map<String, ResultDocument> documents = new ConcurrentHashMap<>();

    /** As the record's key on results.v1 ({@link ResultView#key}). */
    static String key(ResultView view, String orgUnit, int year) {
        return view.key(orgUnit, year);
    }

    /**
     * Takes a document unless an equal or newer version of its org unit, year and view is held (a topic read again from its start,
     * or a record that arrives twice, never moves a result back).
     *
     * @return whether the view changed
     */
    public boolean apply(ResultDocument doc) {
        ResultDocument[] taken = {null};
        documents.compute(key(doc.view(), doc.orgUnit(), doc.year()), (k, old) -> {
            if (old != null && old.version() >= doc.version()) {
                return old;
            }
            taken[0] = doc;
            return doc;
        });
        return taken[0] != null;
    }

    /** A tombstone of the compacted topic: the result of the org unit and year in the view is gone. */
    public boolean remove(ResultView view, String orgUnit, int year) {
        return documents.remove(key(view, orgUnit, year)) != null;
    }

    @Override
    public Optional<ResultDocument> find(ResultView view, String orgUnit, int year) {
        return Optional.ofNullable(documents.get(key(view, orgUnit, year)));
    }

    @Override
    public List<ResultDocument> ofUnit(ResultView view, String orgUnit) {
        return documents.values().stream()
                .filter(d -> d.view() == view && d.orgUnit().equals(orgUnit))
                .sorted(Comparator.comparingInt(ResultDocument::year))
                .toList();
    }

    @Override
    public List<ResultDocument> ofYear(ResultView view, int year, Collection<String> orgUnits) {
        return orgUnits.stream()
                .map(u -> documents.get(key(view, u, year)))
                .filter(d -> d != null)
                .toList();
    }

    /** The years with a document of the org unit in the view, ascending. */
    public List<Integer> years(ResultView view, String orgUnit) {
        return ofUnit(view, orgUnit).stream().map(ResultDocument::year).toList();
    }

    public Fingerprint fingerprint() {
        long count = 0;
        long versions = 0;
        Instant newest = null;
        for (ResultDocument d : documents.values()) {
            count++;
            versions += d.version();
            newest = newest == null || d.computedAt().isAfter(newest) ? d.computedAt() : newest;
        }
        return new Fingerprint(count, versions, newest);
    }
}
