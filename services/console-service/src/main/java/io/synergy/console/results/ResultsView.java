package io.synergy.console.results;

import io.synergy.results.view.ResultDocument;
import io.synergy.results.view.ResultSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's copy of the results: the latest document of every org unit and year, as the aggregation publishes them
 * on the compacted {@code results.v1} ({@link ResultsFeed} reads the topic from its start at every boot). The dashboard's
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

    static String key(String orgUnit, int year) {
        return orgUnit + ":" + year;
    }

    /**
     * Takes a document unless an equal or newer version of its org unit and year is held (a topic read again from its start,
     * or a record that arrives twice, never moves a result back).
     *
     * @return whether the view changed
     */
    public boolean apply(ResultDocument doc) {
        ResultDocument[] taken = {null};
        documents.compute(key(doc.orgUnit(), doc.year()), (k, old) -> {
            if (old != null && old.version() >= doc.version()) {
                return old;
            }
            taken[0] = doc;
            return doc;
        });
        return taken[0] != null;
    }

    /** A tombstone of the compacted topic: the result of the org unit and year is gone. */
    public boolean remove(String orgUnit, int year) {
        return documents.remove(key(orgUnit, year)) != null;
    }

    @Override
    public Optional<ResultDocument> find(String orgUnit, int year) {
        return Optional.ofNullable(documents.get(key(orgUnit, year)));
    }

    @Override
    public List<ResultDocument> ofUnit(String orgUnit) {
        return documents.values().stream()
                .filter(d -> d.orgUnit().equals(orgUnit))
                .sorted(Comparator.comparingInt(ResultDocument::year))
                .toList();
    }

    @Override
    public List<ResultDocument> ofYear(int year, Collection<String> orgUnits) {
        return orgUnits.stream()
                .map(u -> documents.get(key(u, year)))
                .filter(d -> d != null)
                .toList();
    }

    /** The years with a document of the org unit, ascending. */
    public List<Integer> years(String orgUnit) {
        return ofUnit(orgUnit).stream().map(ResultDocument::year).toList();
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
