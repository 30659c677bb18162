package io.synergy.platform.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is operating: the one place that decides what an audit records as "who" (the console's replays of dead letters, the
 * aggregation's closing of a year) — the subject of the bearer token that authorised the request (those endpoints need
 * the {@code ops} role). A client cannot name someone else.
 */
@RequestScoped
public class Operator {

    public static final String ANONYMOUS = "anonymous";

    private final JsonWebToken token;

    @Inject
    public Operator(JsonWebToken token) {
        this.token = token;
    }

    public String who() {
        String name = token == null ? null : token.getName();
        if (name == null || name.isBlank()) {
            return ANONYMOUS;
        }
        String trimmed = name.strip();
        return trimmed.length() > 200 ? trimmed.substring(0, 200) : trimmed;
    }
}
