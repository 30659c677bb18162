package io.synergy.model.approval;

import java.util.List;
import java.util.Map;

/**
 * The sector's data sets of a year, one per district of the city, in the registry's order: the approval matrix. It is as long
 * as the city has districts, so it is not paged; each row carries its data set's history (a handful of transitions a year).
 *
 * @param counts how many data sets are in each state
 */
public record ApprovalMatrix(
        String sector, String period, Map<ApprovalState, Integer> counts, List<DataSetStatus> dataSets) {}
