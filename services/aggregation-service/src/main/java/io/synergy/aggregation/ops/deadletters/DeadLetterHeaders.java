package io.synergy.aggregation.ops.deadletters;

import io.synergy.platform.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers SmallRye's dead-letter queue adds to a failed message (the platform's own {@link DeadLetter} writes the same
 * names), and the ones a replay adds.
 */
public final class DeadLetterHeaders {

    /** Every header SmallRye's dead-letter handler writes starts with this. */
    public static final String DEAD_LETTER_PREFIX = "dead-letter-";
    public static final String REASON = DeadLetter.REASON;
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = DeadLetter.TOPIC;
    public static final String PARTITION = DeadLetter.PARTITION;
    public static final String OFFSET = DeadLetter.OFFSET;

    /** {@code <dead-letter topic>/<partition>/<offset>} of the message a replayed record came from. */
    public static final String REPLAYED_FROM = "replayed-from";
    /** The operator who replayed it. */
    public static final String REPLAYED_BY = "replayed-by";
    /** How many times this message has been replayed (1 on the first replay): the loop guard reads it. */
    public static final String REPLAY_COUNT = "replay-count";

    private DeadLetterHeaders() {
    }

    /** Headers decoded as UTF-8 (invalid bytes become U+FFFD); a repeated key keeps its last value, as Kafka's lastHeader does. */
    public static Map<String, String> decode(Headers headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Header h : headers) {
            out.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
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

    /** Whether a header is one the dead-letter handler or an earlier replay added, i.e. not part of the original message. */
    public static boolean isAddedByFailureHandling(String key) {
        return key.startsWith(DEAD_LETTER_PREFIX) || REPLAYED_FROM.equals(key) || REPLAYED_BY.equals(key) || REPLAY_COUNT.equals(key);
    }

    public static String text(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
