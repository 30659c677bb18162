package io.synergy.aggregation.ops.deadletters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Who is operating: the one place that decides what the replay audit records as "who". For now the {@code X-Operator}
 * request header, else "anonymous"; once the ops API is secured this returns the authenticated principal instead
 * (and the header is ignored: a client must not be able to name someone else).
 */
@ApplicationScoped
public class Operator {

    public static final String HEADER = "X-Operator";
    public static final String ANONYMOUS = "anonymous";

    public String who(HttpHeaders headers) {
        String named = headers == null ? null : headers.getHeaderString(HEADER);
        if (named == null || named.isBlank()) {
            return ANONYMOUS;
        }
        String trimmed = named.strip();
        return trimmed.length() > 200 ? trimmed.substring(0, 200) : trimmed;
    }
}
