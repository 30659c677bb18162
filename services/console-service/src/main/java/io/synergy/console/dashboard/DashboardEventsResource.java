package io.synergy.console.dashboard;

import io.smallrye.mutiny.Multi;
import io.synergy.console.results.ResultsView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Server-sent events for the dashboard: one event with the current results fingerprint on connect, one more whenever a
 * recompute changed a result, and a keep-alive every 20 s (a proxy closes an idle stream; the browser's EventSource
 * reconnects by itself anyway). Not under /ops: readers of the dashboard need it as well.
 */
@RolesAllowed("reader")
@Path("/api/v1/dashboard/changes")
@Tag(name = "dashboard")
public class DashboardEventsResource {

    private final ResultChanges changes;

    DashboardEventsResource(ResultChanges changes) {
        this.changes = changes;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Server-sent events: the results fingerprint {results, versionSum, lastComputedAt} now and on every change")
    public Multi<ResultsView.Fingerprint> changes() {
        // repeating the current fingerprint is a harmless keep-alive: the page only reloads when it differs from what
        // it showed
        Multi<ResultsView.Fingerprint> keepAlive = Multi.createFrom()
                .ticks()
                .every(Duration.ofSeconds(20))
                .onOverflow()
                .drop()
                .map(tick -> changes.current());
        return Multi.createBy().merging().streams(changes.stream(), keepAlive);
    }
}
