package io.synergy.sector.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.synergy.model.event.FeedDeadLetter.Identity;
import io.synergy.model.event.FeedDeadLetter.JudgedBy;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.sector.config.FeedConfig;
import io.synergy.sector.config.SectorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The write rule of a sector service: a token may write this sector only if its groups include
 * {@code feed:<sector>}, and only the districts its {@code districts} claim lists (when it has one). REST requests are
 * authenticated by Quarkus (MicroProfile JWT); Kafka feed messages carry the same kind of token in an
 * {@code authorization} header, verified here with the same key and issuer, at the time the broker appended the message.
 */
@ApplicationScoped
public class WriterAccess {

    /** The claim that limits a token to some districts. */
    public static final String DISTRICTS_CLAIM = "districts";
    /** The Kafka header carrying the producing system's token ({@code Bearer <JWT>}). */
    public static final String FEED_HEADER = "authorization";

    private final SectorConfig config;
    private final JWTParser parser;
    private final FeedConfig feed;

    /**
     * The REST verification (key, issuer, algorithms) without its check of the token's lifetime, for a token that is not
     * valid now: a feed message's token is judged at the time the message was written, which a parser cannot be told, so
     * {@link #ofFeedHeader} checks {@code exp} and {@code nbf} itself. Its own principal factory, not the service's
     * caching one: a token verified without its lifetime must never be handed to a REST request.
     */
    private final JWTParser lifetimeUnchecked;

    /**
     * @param parser       the service's verification of REST tokens (with its cache)
     * @param verification what that parser verifies: key, issuer, algorithms
     */
    public WriterAccess(SectorConfig config, JWTParser parser, FeedConfig feed, JWTAuthContextInfo verification) {
        this.config = config;
        this.parser = parser;
        this.feed = feed;
        JWTAuthContextInfo context = new JWTAuthContextInfo(verification);
        context.setExpGracePeriodSecs(0);
        context.setClockSkew(Integer.MAX_VALUE);
        this.lifetimeUnchecked = new DefaultJWTParser(context, new DefaultJWTCallerPrincipalFactory());
    }

    public String feedRole() {
        return config.feedRole();
    }

    /** The writer of a REST request, whose role Quarkus has already checked (@RolesAllowed). */
    public Writer of(JsonWebToken token) {
        return new Writer(token.getName(), districts(token));
    }

    /**
     * Who produced a feed message, from its token header, judged at {@code at}: the token must be signed with the
     * platform's key and issuer and valid at that instant, give or take {@code synergy.feed.clock-skew}. A feed message is
     * judged by the time the broker appended it, so a backlog consumed late is not refused for a token that expired while
     * it waited (docs/security.md). Never throws: without a valid token, the identity says why.
     */
    public Identity ofFeedHeader(String header, Instant at, JudgedBy judgedBy) {
        if (header == null || header.isBlank()) {
            return Identity.unauthenticated("unauthenticated: the message has no '" + FEED_HEADER
                    + "' header with the producing system's token (Bearer <JWT>)");
        }
        String raw = header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip()
                : header.strip();
        JsonWebToken token;
        try {
            // the common case, a token valid now: verified once per token for the service (platform-kit's cache)
            token = parser.parse(raw);
        } catch (ParseException notNow) {
            try {
                // perhaps expired (or not yet valid) now, but not when the message was written: judged below
                token = lifetimeUnchecked.parse(raw);
            } catch (ParseException e) {
                return Identity.unauthenticated(
                        "unauthenticated: the token is malformed or not signed by the platform's key and issuer");
            }
        }
        Duration skew = feed.clockSkew();
        String when = judgedBy == JudgedBy.LOG_APPEND_TIME
                ? "the message was written (" + at + ", the broker's append time)"
                : "the message was consumed (" + at + "; its timestamp is its producer's, not the broker's)";
        Instant expires = Instant.ofEpochSecond(token.getExpirationTime());
        if (!at.isBefore(expires.plus(skew))) {
            return Identity.unauthenticated("unauthenticated: the token expired at " + expires + ", before " + when);
        }
        Object claim = token.getClaim(Claims.nbf.name());
        Long nbf = claim instanceof Number n
                ? Long.valueOf(n.longValue())
                : claim instanceof JsonNumber n ? Long.valueOf(n.longValue()) : null;
        if (nbf != null && at.plus(skew).isBefore(Instant.ofEpochSecond(nbf))) {
            return Identity.unauthenticated(
                    "unauthenticated: the token is valid from " + Instant.ofEpochSecond(nbf) + " only, after " + when);
        }
        if (token.getName() == null || token.getName().isBlank()) {
            return Identity.unauthenticated(
                    "unauthenticated: the token names no subject (sub, upn or preferred_username)");
        }
        Set<String> districts = districts(token);
        return Identity.verified(
                token.getName(),
                token.getGroups() == null ? List.of() : List.copyOf(new TreeSet<>(token.getGroups())),
                districts == null ? null : List.copyOf(districts),
                expires);
    }

    /**
     * The writer a feed message's producer may act as.
     *
     * @throws ProblemException 401 when it is not authenticated, 403 when it may not write this sector
     */
    public Writer writerOf(Identity identity) {
        if (!identity.authenticated()) {
            throw new ProblemException(401, "unauthorized", "Unauthorized", identity.failure());
        }
        if (!identity.roles().contains(feedRole())) {
            throw new ProblemException(
                    403,
                    "forbidden",
                    "Forbidden",
                    "forbidden: " + identity.subject() + " may not write the "
                            + config.code().code() + " sector (its groups " + identity.roles() + " lack " + feedRole()
                            + ")");
        }
        return new Writer(
                identity.subject(), identity.districts() == null ? null : new TreeSet<>(identity.districts()));
    }

    /**
     * Refuses the whole request if any report is for an org unit the writer may not write (a district outside its
     * claim, or an enterprise registered outside it).
     */
    public void checkDistricts(Writer writer, List<String> paths, List<String> orgUnits, OrgUnits units) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < orgUnits.size(); i++) {
            String unit = orgUnits.get(i);
            if (unit != null && !writer.mayWrite(unit, units)) {
                errors.add(new FieldError(
                        paths.get(i),
                        "forbidden: " + writer.name() + " may write districts " + writer.districts()
                                + " only, not " + unit
                                + units.districtOf(unit)
                                        .filter(d -> !d.code().equals(unit))
                                        .map(d -> " (an enterprise of " + d.code() + ")")
                                        .orElse("")));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    403,
                    "forbidden-district",
                    "Forbidden",
                    "The token may not write some of these districts; nothing was stored",
                    errors);
        }
    }

    /**
     * Refuses the whole request if it revises a report whose stored org unit the writer may not write: a report belongs
     * to the districts it holds figures for, not to whoever knows its id.
     *
     * @param storedOrgUnits the stored org unit of each report that has one ({@code null} for a new report)
     */
    public void checkReportOwners(Writer writer, List<String> paths, List<String> storedOrgUnits, OrgUnits units) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < storedOrgUnits.size(); i++) {
            String unit = storedOrgUnits.get(i);
            if (unit != null && !writer.mayWrite(unit, units)) {
                errors.add(new FieldError(
                        paths.get(i),
                        "forbidden: this report holds figures of " + unit + "; " + writer.name()
                                + " may write districts " + writer.districts()
                                + " only, so it may not send revisions of it"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    403,
                    "forbidden-report",
                    "Forbidden",
                    "The token may not revise some of these reports; nothing was stored",
                    errors);
        }
    }

    /** The districts a token's {@code districts} claim lists, or {@code null} when it has none (every district of the city). */
    public static Set<String> districts(JsonWebToken token) {
        Object claim = token.getClaim(DISTRICTS_CLAIM);
        if (claim == null) {
            return null;
        }
        Set<String> out = new TreeSet<>();
        if (claim instanceof Collection<?> c) {
            c.forEach(x -> out.add(unquote(String.valueOf(x))));
        } else if (claim instanceof JsonArray a) {
            a.forEach(x -> out.add(unquote(x.toString())));
        } else {
            for (String s : String.valueOf(claim).split(",")) {
                out.add(unquote(s.strip()));
            }
        }
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
