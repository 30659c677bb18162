package io.synergy.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies each distinct bearer token once and reuses the result while the token is valid, at most a minute.
 *
 * <p>Why: a bureau's system sends many requests (and feed messages) with the same token, and verifying an RS256
 * signature is the largest single cost of a small request in these JVMs (the C1 compiler has no intrinsics for the
 * big-integer arithmetic; the profile of the waste service under 100 requests/s shows it on top). The cache is keyed by
 * the exact token text, so a hit is the very string whose signature was verified; it never holds a token past its
 * {@code exp} (past that, the token goes through full verification again, with its clock skew), nor longer than
 * {@link #MAX_AGE_MILLIS}, and failures are never cached. One verification context per service (one issuer, one key) is
 * assumed, which is how the platform is configured.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class CachingJwtCallerPrincipalFactory extends JWTCallerPrincipalFactory {

    static final long MAX_AGE_MILLIS = 60_000;
    static final int MAX_ENTRIES = 1_000;

    private final JWTCallerPrincipalFactory verifier;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(JWTCallerPrincipal principal, long validUntilMillis) {}

    public CachingJwtCallerPrincipalFactory() {
        this(new DefaultJWTCallerPrincipalFactory(), Clock.systemUTC());
    }

    CachingJwtCallerPrincipalFactory(JWTCallerPrincipalFactory verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        long now = clock.millis();
        Verified known = verified.get(token);
        if (known != null && now < known.validUntilMillis()) {
            return known.principal();
        }
        JWTCallerPrincipal principal = verifier.parse(token, context);
        long expiresMillis = principal.getExpirationTime() * 1000; // 0 without exp: then it is not kept
        long validUntil = Math.min(now + MAX_AGE_MILLIS, expiresMillis);
        if (validUntil > now) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.values().removeIf(v -> v.validUntilMillis() <= now);
            }
            if (verified.size() < MAX_ENTRIES) {
                verified.put(token, new Verified(principal, validUntil));
            }
        } else if (known != null) {
            verified.remove(token);
        }
        return principal;
    }
}
