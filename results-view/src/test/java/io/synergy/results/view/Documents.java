package io.synergy.results.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.synergy.method.attainment.AttainmentStatus;
import io.synergy.method.attainment.AttainmentSummary;
import io.synergy.method.attainment.Projection;
import io.synergy.method.results.UnitYearResult;
import io.synergy.method.results.YearCoverage;
import io.synergy.method.results.YearState;
import io.synergy.method.synergy.Excluded;
import io.synergy.method.synergy.Grade;
import io.synergy.platform.tabular.Table;
import io.synergy.platform.tabular.TabularWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made result documents, and what the views make of them as JSON and CSV. */
final class Documents {

    /** Serialised as the services serialise (ISO instants). */
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static final YearCoverage COMPLETE = new YearCoverage(YearState.COMPLETE, 19, 19, 10, 10);
    static final YearCoverage PROVISIONAL = new YearCoverage(YearState.PROVISIONAL, 3, 19, 2, 10);

    private Documents() {}

    /** D under one coupling, graded as the method grades it. */
    static UnitYearResult.Coupled coupled(double c, double d) {
        Grade g = Grade.of(d);
        return new UnitYearResult.Coupled(c, d, g.name(), g.zh(), g.en());
    }

    /** One sample of a window; the corrected coupling's C and D are the standard ones less 0.01. */
    static UnitYearResult.SampleRow sample(String label, double u1, double u2, double d) {
        return new UnitYearResult.SampleRow(
                label, u1, u2, (u1 + u2) / 2, coupled(0.9, d), coupled(0.89, d - 0.01), "SYNCHRONOUS");
    }

    static UnitYearResult.Explanation explanation(List<String> samples) {
        return new UnitYearResult.Explanation(
                samples,
                Map.of("A1", 0.5, "E1", 0.5),
                Map.of("POLLUTION", "ENTROPY", "CARBON", "ENTROPY"),
                Map.of("A1", new double[] {0.0001, 1.0001}),
                List.of(new Excluded("B1", "missing value for sample 2020")),
                Map.of(),
                Map.of());
    }

    /** A computable evaluation scored as the last sample of its window. */
    static UnitYearResult.SynergyResult computable(String basis, String method, List<UnitYearResult.SampleRow> window) {
        UnitYearResult.SampleRow last = window.get(window.size() - 1);
        return new UnitYearResult.SynergyResult(
                basis,
                method,
                true,
                null,
                last.u1(),
                last.u2(),
                last.t(),
                last.standard(),
                last.corrected(),
                last.lag(),
                "同步",
                explanation(
                        window.stream().map(UnitYearResult.SampleRow::sample).toList()),
                window);
    }

    static UnitYearResult.SynergyResult notComputable(String basis, String method, String reason) {
        return new UnitYearResult.SynergyResult(
                basis,
                method,
                false,
                reason,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                explanation(List.of()),
                List.of());
    }

    /** The result of a unit and year with these evaluations (keyed {@code basis.method}). */
    static UnitYearResult result(
            String orgUnit, int year, boolean provisional, Map<String, UnitYearResult.SynergyResult> synergy) {
        UnitYearResult.AttainmentRow e1 = new UnitYearResult.AttainmentRow(
                "E1",
                "非化石能源占比",
                "non-fossil share",
                orgUnit,
                Integer.toString(year),
                13.7,
                "%",
                9.2,
                2020,
                15.0,
                2025,
                false,
                false,
                "PLAN",
                "青环发〔2024〕18号",
                0.775862,
                0.8,
                AttainmentStatus.LAGGING.name(),
                14.16,
                -0.46,
                new Projection(2025, 15.08, true),
                true);
        UnitYearResult.AttainmentRow t1 = new UnitYearResult.AttainmentRow(
                "T1",
                "绿色出行比例",
                "green trips",
                orgUnit,
                Integer.toString(year),
                null,
                "%",
                null,
                2020,
                70.0,
                2025,
                false,
                false,
                "PLAN",
                "青环发〔2024〕18号",
                null,
                0.8,
                AttainmentStatus.NO_DATA.name(),
                null,
                null,
                null,
                false);
        return new UnitYearResult(
                orgUnit,
                "DISTRICT",
                year,
                provisional,
                provisional ? PROVISIONAL : COMPLETE,
                !provisional,
                provisional ? List.of("T1: 370285") : List.of(),
                List.of(),
                List.of(e1, t1),
                new AttainmentSummary(Map.of(AttainmentStatus.LAGGING, 1, AttainmentStatus.NO_DATA, 1), 0.0),
                new LinkedHashMap<>(synergy),
                List.of());
    }

    static JsonNode json(Object view) {
        return JSON.valueToTree(view);
    }

    /** A table as the platform writes it to CSV: its lines, without the byte order mark. */
    static List<String> csv(Table<?> table) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TabularWriter.csv(table, out);
            return out.toString(StandardCharsets.UTF_8).substring(1).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
