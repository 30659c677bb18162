package io.synergy.console.results;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the results view has read {@code results.v1} up to where the topic ended at start: before that the
 * dashboard would show a city with fewer results than it has.
 */
@Readiness
@ApplicationScoped
public class ResultsViewReadiness implements HealthCheck {

    private final ResultsFeed feed;
    private final ResultsView view;

    ResultsViewReadiness(ResultsFeed feed, ResultsView view) {
        this.feed = feed;
        this.view = view;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Results view")
                .status(feed.caughtUp())
                .withData("results", view.fingerprint().results())
                .build();
    }
}
