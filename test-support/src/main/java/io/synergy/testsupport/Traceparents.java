package io.synergy.testsupport;

import java.security.SecureRandom;
import java.util.HexFormat;

/** W3C trace context as a caller (a bureau's system, a sector service's relay) would send it: a new trace, sampled. */
public final class Traceparents {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Traceparents() {}

    /** A new trace id: 32 hex digits. */
    public static String newTraceId() {
        return hex(16);
    }

    /** {@code 00-<traceId>-<a new span id>-01}. */
    public static String of(String traceId) {
        return "00-" + traceId + "-" + hex(8) + "-01";
    }

    /** The trace id of a traceparent header, or {@code null} when it is absent or malformed. */
    public static String traceId(String traceparent) {
        String[] parts = traceparent == null ? new String[0] : traceparent.split("-");
        return parts.length == 4 ? parts[1] : null;
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
