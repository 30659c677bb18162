package io.synergy.console.ops.deadletters;

import io.synergy.model.event.FeedDeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers of a dead letter the ops API reads, and the ones a replay adds (shared-model's {@link FeedDeadLetter}: the
 * sector services write them). All of them come from a topic, so they are read as untrusted text.
 */
public final class DeadLetterHeaders {

    /** Every header the dead-letter writer (a sector service's FeedConsumer, SmallRye's dead-letter queue) adds starts with this. */
    public static final String DEAD_LETTER_PREFIX = FeedDeadLetter.PREFIX;

    public static final String ID = FeedDeadLetter.ID;
    public static final String REASON = FeedDeadLetter.REASON;
    public static final String CAUSE = FeedDeadLetter.CAUSE;
    public static final String TOPIC = FeedDeadLetter.TOPIC;
    public static final String PARTITION = FeedDeadLetter.PARTITION;
    public static final String OFFSET = FeedDeadLetter.OFFSET;

    /** {@code <dead-letter topic>/<partition>/<offset>} of the message a replayed record came from. */
    public static final String REPLAYED_FROM = FeedDeadLetter.REPLAYED_FROM;
    /** The operator who replayed it. */
    public static final String REPLAYED_BY = FeedDeadLetter.REPLAYED_BY;
    /** How many times this message has been replayed (1 on the first replay): the loop guard reads it. */
    public static final String REPLAY_COUNT = FeedDeadLetter.REPLAY_COUNT;
    /** The id of the dead letter a replayed record replays: the sector service authorises it as the identity recorded under it. */
    public static final String REPLAYED_DEAD_LETTER = FeedDeadLetter.REPLAYED_DEAD_LETTER;

    /** Shown instead of a credential's value: a dead letter written before identities were recorded may still hold a token. */
    public static final String REDACTED = "(redacted)";

    private DeadLetterHeaders() {}

    /**
     * Headers decoded as UTF-8 (invalid bytes become U+FFFD); a repeated key keeps its last value, as Kafka's lastHeader does.
     * A credential's value ({@code authorization} in any letter case…) is never returned: it reads {@value #REDACTED}.
     */
    public static Map<String, String> decode(Headers headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Header h : headers) {
            out.put(
                    h.key(),
                    FeedDeadLetter.isCredential(h.key())
                            ? REDACTED
                            : h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The identity a dead letter says the sector service verified; empty if it says none (written before, or not by a sector service). */
    public static Optional<FeedDeadLetter.Identity> identity(Headers headers) {
        return FeedDeadLetter.Identity.fromHeaders(key -> text(headers, key));
    }

    /** The replay count a message carries (0 if it was never replayed or the header is unreadable). */
    public static int replayCount(Headers headers) {
        Header h = headers.lastHeader(REPLAY_COUNT);
        if (h == null || h.value() == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(new String(h.value(), StandardCharsets.UTF_8).trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Whether a header must not travel with a replay: one the dead-letter writer or an earlier replay added (not part of the
     * original message), or a credential — a replay carries none, the sector service authorises it from its own record.
     */
    public static boolean isDroppedOnReplay(String key) {
        return FeedDeadLetter.isCredential(key)
                || FeedDeadLetter.isPlatformHeader(key)
                || REPLAYED_FROM.equals(key)
                || REPLAYED_BY.equals(key)
                || REPLAY_COUNT.equals(key);
    }

    public static String text(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
