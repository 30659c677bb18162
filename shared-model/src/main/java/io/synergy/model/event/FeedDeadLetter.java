package io.synergy.model.event;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The headers of a feed's dead letters ({@code feeds.<sector>.v1.dlq}) and of their replays: the contract between the
 * sector services, which write dead letters, and the aggregation's ops API, which lists and replays them (docs/events.md).
 *
 * <p>A dead letter never holds a credential. Where the feed message had its producing system's token, the dead letter has
 * the identity the sector service verified from it ({@link Identity}) — or that it could not, and why — and an id under
 * which the sector service keeps that identity in its own database. A replay carries that id, never a token; the sector
 * service authorises it as the identity it recorded, so these headers are for people to read and for the ops API to
 * refuse early: <b>no service authorises anything from them</b> (a producer can write any header; docs/security.md).
 */
public final class FeedDeadLetter {

    /** The feed message's token header ({@code Bearer <JWT>}): never copied into a dead letter, never replayed, never shown. */
    public static final String AUTHORIZATION = "authorization";
    /** Every header a sector service writes on a dead letter starts with this; a producer's own such headers are dropped. */
    public static final String PREFIX = "dead-letter-";
    /** The id of the dead letter in the sector service's database (a UUID); a replay cites it. */
    public static final String ID = "dead-letter-id";

    public static final String REASON = "dead-letter-reason";
    public static final String EXCEPTION = "dead-letter-exception-class-name";
    public static final String CAUSE = "dead-letter-cause";
    /** The feed topic, partition and offset the message was consumed from. */
    public static final String TOPIC = "dead-letter-topic";

    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    /** {@code authenticated} or {@code unauthenticated}. */
    public static final String IDENTITY = "dead-letter-identity";

    public static final String SUBJECT = "dead-letter-subject";
    /** The token's groups, comma-separated. */
    public static final String ROLES = "dead-letter-roles";
    /** The token's {@code districts} claim, comma-separated; {@code *} without one (every district). */
    public static final String DISTRICTS = "dead-letter-districts";

    public static final String TOKEN_EXPIRES = "dead-letter-token-expires";
    /** Why the message's producer could not be authenticated (only on an unauthenticated dead letter). */
    public static final String AUTHENTICATION = "dead-letter-authentication";
    /** The instant the token was judged at, and by which clock ({@link JudgedBy}). */
    public static final String JUDGED_AT = "dead-letter-judged-at";

    public static final String JUDGED_BY = "dead-letter-judged-by";

    /** On a replayed feed message: the {@link #ID} of the dead letter it replays. */
    public static final String REPLAYED_DEAD_LETTER = "replayed-dead-letter";
    /** On a replayed feed message: {@code <dead-letter topic>/<partition>/<offset>}. */
    public static final String REPLAYED_FROM = "replayed-from";
    /** On a replayed feed message: the operator who replayed it. */
    public static final String REPLAYED_BY = "replayed-by";
    /** How many times the message has been replayed (1 on the first replay): the ops API's loop guard reads it. */
    public static final String REPLAY_COUNT = "replay-count";

    private static final String ALL_DISTRICTS = "*";

    private FeedDeadLetter() {}

    /** Whether a header carries a credential: such a header is never kept in a dead letter, replayed or shown (any letter case). */
    public static boolean isCredential(String key) {
        return key != null
                && (key.equalsIgnoreCase(AUTHORIZATION)
                        || key.equalsIgnoreCase("proxy-authorization")
                        || key.equalsIgnoreCase("cookie"));
    }

    /** Whether a feed message's header is one only the platform writes (a producer's own is dropped, never believed). */
    public static boolean isPlatformHeader(String key) {
        return key.startsWith(PREFIX) || REPLAYED_DEAD_LETTER.equals(key);
    }

    /** The clock a token was judged by. */
    public enum JudgedBy {
        /** The broker's append time of the record (the feed topics' {@code message.timestamp.type=LogAppendTime}). */
        LOG_APPEND_TIME,
        /** The time the service consumed the record: its timestamp was the producer's own, which it may set freely. */
        CONSUMPTION_TIME,
        /** Not judged again: a replay, authorised as the identity recorded with its dead letter. */
        RECORDED;

        public String header() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Who produced a feed message, as the sector service established it from the message's token: the token's subject,
     * groups, {@code districts} claim ({@code null}: every district) and expiry; or that it could not, and why.
     */
    public record Identity(
            boolean authenticated,
            String subject,
            List<String> roles,
            List<String> districts,
            Instant tokenExpiresAt,
            String failure) {

        public Identity {
            roles = roles == null ? List.of() : List.copyOf(roles);
            districts = districts == null ? null : List.copyOf(districts);
        }

        public static Identity verified(
                String subject, List<String> roles, List<String> districts, Instant tokenExpiresAt) {
            return new Identity(true, subject, roles, districts, tokenExpiresAt, null);
        }

        public static Identity unauthenticated(String failure) {
            return new Identity(false, null, List.of(), null, null, failure);
        }

        /** The identity as dead-letter headers, in a fixed order. */
        public Map<String, String> headers() {
            Map<String, String> h = new LinkedHashMap<>();
            h.put(IDENTITY, authenticated ? "authenticated" : "unauthenticated");
            if (authenticated) {
                h.put(SUBJECT, subject == null ? "" : subject);
                h.put(ROLES, String.join(",", roles));
                h.put(DISTRICTS, districts == null ? ALL_DISTRICTS : String.join(",", districts));
                if (tokenExpiresAt != null) {
                    h.put(TOKEN_EXPIRES, tokenExpiresAt.toString());
                }
            } else {
                h.put(AUTHENTICATION, failure == null ? "" : failure);
            }
            return h;
        }

        /**
         * The identity a dead letter's headers describe; empty when they describe none, or not in this form (a dead letter
         * written before identities were recorded, or not by a sector service). Only for display and early refusals.
         */
        public static Optional<Identity> fromHeaders(Function<String, String> header) {
            String kind = header.apply(IDENTITY);
            if ("unauthenticated".equals(kind)) {
                return Optional.of(unauthenticated(header.apply(AUTHENTICATION)));
            }
            if (!"authenticated".equals(kind)) {
                return Optional.empty();
            }
            String districts = header.apply(DISTRICTS);
            Instant expires = null;
            String exp = header.apply(TOKEN_EXPIRES);
            if (exp != null) {
                try {
                    expires = Instant.parse(exp.strip());
                } catch (DateTimeParseException e) {
                    return Optional.empty();
                }
            }
            return Optional.of(verified(
                    header.apply(SUBJECT),
                    list(header.apply(ROLES)),
                    districts == null || ALL_DISTRICTS.equals(districts.strip()) ? null : list(districts),
                    expires));
        }

        private static List<String> list(String commaSeparated) {
            List<String> out = new ArrayList<>();
            if (commaSeparated != null) {
                Arrays.stream(commaSeparated.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .forEach(out::add);
            }
            return out;
        }
    }
}
