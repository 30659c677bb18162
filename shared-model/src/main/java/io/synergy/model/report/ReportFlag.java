package io.synergy.model.report;

/** Why an accepted value is listed for review (a later step makes approvers acknowledge them). */
public enum ReportFlag {
    /**
     * Beyond the plausibility band against the same period a year earlier: more than
     * {@code synergy.sector.plausibility.max-ratio} times that value, or less than it divided by that ratio.
     */
    IMPLAUSIBLE_CHANGE
}
