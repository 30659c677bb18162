package io.synergy.console.dashboard;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.synergy.console.results.ResultsView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;

/**
 * Notices when the results change and tells the dashboards that listen: every
 * {@code synergy.ops.dashboard.poll-interval} the fingerprint of the results view (count, sum of versions, newest
 * computation) is compared with the last one, once for all connected browsers; a burst of results.v1 records becomes one
 * event.
 */
@ApplicationScoped
public class ResultChanges {

    private final ResultsView view;
    private final BroadcastProcessor<ResultsView.Fingerprint> changes = BroadcastProcessor.create();
    private volatile ResultsView.Fingerprint current;

    ResultChanges(ResultsView view) {
        this.view = view;
    }

    @Scheduled(
            every = "${synergy.ops.dashboard.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        ResultsView.Fingerprint now = view.fingerprint();
        if (!Objects.equals(now, current)) {
            current = now;
            changes.onNext(now);
        }
    }

    /** The state now, then every change. */
    public Multi<ResultsView.Fingerprint> stream() {
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(view.fingerprint()), changes);
    }

    /** The fingerprint now. */
    public ResultsView.Fingerprint current() {
        return view.fingerprint();
    }
}
