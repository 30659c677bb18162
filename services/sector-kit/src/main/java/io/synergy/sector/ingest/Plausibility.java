package io.synergy.sector.ingest;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.period.Period;
import io.synergy.model.report.IngestResult;
import io.synergy.model.report.ReportFlag;
import io.synergy.sector.compute.PeriodRollUp;
import io.synergy.sector.compute.PeriodRollUp.PeriodValue;
import io.synergy.sector.model.ParsedReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plausibility band: a value more than {@code maxRatio} times the same period's value a year earlier, or less
 * than that value divided by {@code maxRatio}, is accepted but flagged {@link ReportFlag#IMPLAUSIBLE_CHANGE} — a
 * bureau that typed tce for 10^4 tce is told at once, and the value is listed for review. A value is compared with the
 * same period a year earlier as the org unit's stored values roll it up (the year with the year, a quarter with the
 * quarter, a month with the month), and only when that period was covered completely: half a year is not a year.
 */
public final class Plausibility {

    private final Catalogue catalogue;
    private final double maxRatio;

    public Plausibility(Catalogue catalogue, double maxRatio) {
        if (!(maxRatio > 1) || Double.isInfinite(maxRatio)) {
            throw new IllegalArgumentException(
                    "synergy.sector.plausibility.max-ratio must be a finite number above 1, not " + maxRatio);
        }
        this.catalogue = catalogue;
        this.maxRatio = maxRatio;
    }

    /** The same period a year earlier, if it exists ({@link Period#MIN_YEAR}). */
    public static Optional<Period> yearBefore(Period p) {
        return p.year() - 1 < Period.MIN_YEAR
                ? Optional.empty()
                : Optional.of(new Period(p.type(), p.year() - 1, p.index()));
    }

    /**
     * The report's values beyond the band.
     *
     * @param yearBefore the org unit's stored values of the year before the report's, by data element
     */
    public List<IngestResult.FlaggedValue> check(ParsedReport report, Map<String, List<PeriodValue>> yearBefore) {
        Period before = yearBefore(report.period()).orElse(null);
        List<IngestResult.FlaggedValue> out = new ArrayList<>();
        if (before == null) {
            return out;
        }
        for (ParsedReport.Value v : report.values()) {
            DataElement de = catalogue.dataElement(v.dataElement()).orElseThrow();
            List<PeriodValue> values = yearBefore.get(de.code());
            PeriodRollUp.Total previous = values == null ? null : PeriodRollUp.rollUp(before, de.aggregation(), values);
            if (previous != null && previous.complete() && implausible(v.value(), previous.value())) {
                out.add(new IngestResult.FlaggedValue(
                        ReportFlag.IMPLAUSIBLE_CHANGE,
                        de.code(),
                        v.value(),
                        de.unit(),
                        report.period().toString(),
                        before.toString(),
                        previous.value()));
            }
        }
        return out;
    }

    /** Beyond the band; from or to zero is beyond any band, zero to zero is no change. */
    boolean implausible(double value, double previous) {
        double now = Math.abs(value);
        double then = Math.abs(previous);
        if (now == 0 || then == 0) {
            return now != then;
        }
        return now > then * maxRatio || now < then / maxRatio;
    }
}
