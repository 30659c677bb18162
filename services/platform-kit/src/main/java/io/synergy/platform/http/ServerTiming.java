package io.synergy.platform.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every API answer says how long the service worked on it, in the standard {@code Server-Timing} header
 * ({@code Server-Timing: app;dur=1234.5}, milliseconds): a bureau uploading a CSV of thousands of rows, or ops importing the
 * registry, sees the duration next to the counts the body reports, and browsers' developer tools show it.
 */
public class ServerTiming {

    public static final String HEADER = "Server-Timing";
    private static final String STARTED = ServerTiming.class.getName() + ".started";

    @ServerRequestFilter(preMatching = true)
    public void started(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @ServerResponseFilter
    public void finished(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(STARTED) instanceof Long started
                && !response.getHeaders().containsKey(HEADER)) {
            double millis = (System.nanoTime() - started) / 1e6;
            response.getHeaders().putSingle(HEADER, "app;dur=" + String.format(Locale.ROOT, "%.1f", millis));
        }
    }
}
