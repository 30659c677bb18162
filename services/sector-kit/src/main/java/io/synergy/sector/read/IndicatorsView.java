package io.synergy.sector.read;

import io.synergy.model.event.EventKind;
import io.synergy.model.orgunit.OrgUnitLevel;
import java.util.List;

/** The sector's indicators and published data elements for a period: every district, the city and the district groups (or one of them). */
public record IndicatorsView(String sector, String period, List<OrgUnitIndicators> orgUnits) {

    /** One org unit's figures. */
    public record OrgUnitIndicators(String orgUnit, OrgUnitLevel level, Name name, List<IndicatorFigure> indicators) {}

    /**
     * An indicator (kind INDICATOR) or a published data element (DATA_ELEMENT) of an org unit for the period.
     *
     * @param value       {@code null} when its data are missing
     * @param numerator   a district's summed numerator, or the sum of its districts' for the city and a group
     * @param denominator {@code null} for a total (no ratio)
     * @param complete    whether every month (or quarter) of the period was reported, for every district it sums
     */
    public record IndicatorFigure(
            String code,
            EventKind kind,
            Double value,
            Double numerator,
            Double denominator,
            String unit,
            boolean complete) {}
}
