package io.synergy.sector.approval;

import java.time.Instant;

/** A flagged value after its acknowledgement: which, by whom, when and why. */
public record AcknowledgedFlag(
        long id, String orgUnit, int year, String acknowledgedBy, Instant acknowledgedAt, String comment) {}
