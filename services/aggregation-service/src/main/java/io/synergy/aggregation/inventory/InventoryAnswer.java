package io.synergy.aggregation.inventory;

import io.synergy.method.inventory.Inventory;
import io.synergy.results.view.DataSets;
import io.synergy.results.view.Name;
import io.synergy.results.view.ResultView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /api/v1/inventory}, and the document kept in the history when a factor revision supersedes
 * it. Every figure carries the factor version that produced it ({@code rows[].factorVersion}, {@code totals[]…},
 * {@code co2e.factorVersion}); figures computed with an example factor carry {@code example: true}.
 *
 * @param revisedFrom the factor revision that last changed this unit's figures for the year, or {@code null} if none did
 */
public record InventoryAnswer(
        String orgUnit,
        Name name,
        String level,
        String period,
        int factorVersion,
        LibraryInfo factorLibrary,
        RevisedFrom revisedFrom,
        boolean usesExampleFactors,
        String exampleNote,
        boolean complete,
        List<String> incomplete,
        List<String> notReported,
        List<Inventory.Row> rows,
        List<Inventory.FuelEnergy> energy,
        Map<String, Double> energyByFuel,
        List<Inventory.Total> totals,
        Inventory.Co2e co2e,
        Instant computedAt,
        ResultView view,
        DataSets dataSets) {

    public static final String EXAMPLE_NOTE = "部分数值由示例排放因子计算(example: true),仅供演示,须由市生态环境局确认或替换。"
            + " Figures marked example: true are computed with EXAMPLE factors shipped for demonstration; the ecology bureau must confirm"
            + " or replace them (POST /api/v1/inventory/factors).";

    /**
     * The factor version the figures were computed with.
     *
     * @param sources the sources of the factors and calorific values actually used
     */
    public record LibraryInfo(
            int version, String description, Instant createdAt, String createdBy, List<String> sources) {}

    /**
     * @param factorVersion the version the figures were computed with before
     * @param revisedBy     the version that changed them
     * @param revisedAt     when
     * @param history       where the earlier figures are
     */
    public record RevisedFrom(int factorVersion, int revisedBy, Instant revisedAt, String history) {}
}
