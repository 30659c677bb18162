package io.synergy.sector.read;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** Which district reported which of the sector's data elements within a period. */
public record CompletenessView(String sector, String period, List<DistrictCompleteness> districts) {

    /**
     * @param reported how many of the sector's data elements it reported
     * @param expected how many the sector has
     */
    public record DistrictCompleteness(
            String orgUnit, Name name, int reported, int expected, List<DataElementCompleteness> dataElements) {}

    /**
     * A data element of a district: only whether it was reported when it was not.
     *
     * @param periods      the reported periods within (or containing) the period asked for
     * @param lastReceived when a value of it was last received
     * @param reportId     the report that value came from
     * @param complete     whether its periods cover the period asked for
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DataElementCompleteness(
            String dataElement,
            boolean reported,
            List<String> periods,
            Instant lastReceived,
            String reportId,
            Boolean complete) {}
}
