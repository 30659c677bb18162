package io.synergy.sector.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.sector.config.SectorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The write rule of a sector service: a token may write this sector only if its groups include
 * {@code feed:<sector>}, and only the districts its {@code districts} claim lists (when it has one). REST requests are
 * authenticated by Quarkus (MicroProfile JWT); Kafka feed messages carry the same kind of token in an
 * {@code authorization} header, verified here with the same key and issuer.
 */
@ApplicationScoped
public class WriterAccess {

    /** The claim that limits a token to some districts. */
    public static final String DISTRICTS_CLAIM = "districts";
    /** The Kafka header carrying the producing system's token ({@code Bearer <JWT>}). */
    public static final String FEED_HEADER = "authorization";

    @Inject
    SectorConfig config;

    @Inject
    JWTParser parser;

    public String feedRole() {
        return config.feedRole();
    }

    /** The writer of a REST request, whose role Quarkus has already checked (@RolesAllowed). */
    public Writer of(JsonWebToken token) {
        return new Writer(token.getName(), districts(token));
    }

    /**
     * The writer of a feed message, from its header.
     *
     * @throws ProblemException 401 without a valid token, 403 when the token may not write this sector
     */
    public Writer ofFeedHeader(String header) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(401, "unauthorized", "Unauthorized",
                    "unauthenticated: the message has no '" + FEED_HEADER + "' header with the producing system's token (Bearer <JWT>)");
        }
        String raw = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : header.strip();
        JsonWebToken token;
        try {
            token = parser.parse(raw);
        } catch (ParseException e) {
            throw new ProblemException(401, "unauthorized", "Unauthorized",
                    "unauthenticated: the token is malformed, expired or not signed by the platform's key");
        }
        if (token.getGroups() == null || !token.getGroups().contains(feedRole())) {
            throw new ProblemException(403, "forbidden", "Forbidden", "forbidden: " + token.getName() + " may not write the "
                    + config.code().code() + " sector (its groups " + token.getGroups() + " lack " + feedRole() + ")");
        }
        return of(token);
    }

    /**
     * Refuses the whole request if any report is for an org unit the writer may not write (a district outside its
     * claim, or an enterprise registered outside it).
     */
    public void checkDistricts(Writer writer, List<String> paths, List<String> orgUnits, OrgUnits units) {
        List<FieldError> errors = new java.util.ArrayList<>();
        for (int i = 0; i < orgUnits.size(); i++) {
            String unit = orgUnits.get(i);
            if (unit != null && !writer.mayWrite(unit, units)) {
                errors.add(new FieldError(paths.get(i), "forbidden: " + writer.name() + " may write districts " + writer.districts()
                        + " only, not " + unit + units.districtOf(unit).filter(d -> !d.code().equals(unit))
                                .map(d -> " (an enterprise of " + d.code() + ")").orElse("")));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(403, "forbidden-district", "Forbidden", "The token may not write some of these districts; nothing was stored",
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
        List<FieldError> errors = new java.util.ArrayList<>();
        for (int i = 0; i < storedOrgUnits.size(); i++) {
            String unit = storedOrgUnits.get(i);
            if (unit != null && !writer.mayWrite(unit, units)) {
                errors.add(new FieldError(paths.get(i), "forbidden: this report holds figures of " + unit + "; " + writer.name()
                        + " may write districts " + writer.districts() + " only, so it may not send revisions of it"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(403, "forbidden-report", "Forbidden", "The token may not revise some of these reports; nothing was stored",
                    errors);
        }
    }

    private static Set<String> districts(JsonWebToken token) {
        Object claim = token.getClaim(DISTRICTS_CLAIM);
        if (claim == null) {
            return null;
        }
        Set<String> out = new TreeSet<>();
        if (claim instanceof Collection<?> c) {
            c.forEach(x -> out.add(unquote(String.valueOf(x))));
        } else if (claim instanceof jakarta.json.JsonArray a) {
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
