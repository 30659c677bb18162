package io.synergy.aggregation.ops.dashboard;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;

/**
 * Notices when the stored results change and tells the dashboards that listen. The results are written by whichever
 * aggregation instance holds the recompute lock, so instead of a hook in the recompute (which other instances' browsers
 * would miss) this polls a cheap fingerprint of the result table — count, sum of versions, newest computation — every
 * {@code synergy.ops.dashboard.poll-interval}, once for all connected browsers.
 */
@ApplicationScoped
public class ResultChanges {

    /** The fingerprint of the stored results; any recompute that changed a result changes it. */
    public record ResultsState(long results, long versionSum, Instant lastComputedAt) {
    }

    @Inject
    AgroalDataSource dataSource;

    private final BroadcastProcessor<ResultsState> changes = BroadcastProcessor.create();
    private volatile ResultsState current;

    @Scheduled(every = "${synergy.ops.dashboard.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            ResultsState now = read();
            if (!Objects.equals(now, current)) {
                current = now;
                changes.onNext(now);
            }
        } catch (RuntimeException e) {
            Log.debugf("result fingerprint unavailable: %s", e.getMessage());
        }
    }

    /** The state now, then every change. */
    public Multi<ResultsState> stream() {
        ResultsState first = current != null ? current : readQuietly();
        Multi<ResultsState> head = first == null ? Multi.createFrom().empty() : Multi.createFrom().item(first);
        return Multi.createBy().concatenating().streams(head, changes);
    }

    /** The fingerprint as last polled ({@code null} before the first poll). */
    public ResultsState current() {
        return current;
    }

    private ResultsState readQuietly() {
        try {
            return read();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private ResultsState read() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(sum(version), 0), max(computed_at) FROM result");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            Timestamp t = rs.getTimestamp(3);
            return new ResultsState(rs.getLong(1), rs.getLong(2), t == null ? null : t.toInstant());
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the result fingerprint", e);
        }
    }
}
