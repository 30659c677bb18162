package io.synergy.results.view;

import static io.synergy.results.view.Documents.computable;
import static io.synergy.results.view.Documents.result;
import static io.synergy.results.view.Documents.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.problem.ProblemException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The answers both the aggregation's read API and the console's dashboard give, from whatever source holds the results:
 * parameters checked and named, the districts named from the org units, a unit or year without a result a 404.
 */
class ResultAnswersTest {

    private static final OrgUnits UNITS = OrgUnits.load();

    /** A source of a few documents, as the console's view of results.v1 holds them. */
    private record Source(List<ResultDocument> docs) implements ResultSource {

        @Override
        public Optional<ResultDocument> find(String orgUnit, int year) {
            return docs.stream()
                    .filter(d -> d.orgUnit().equals(orgUnit) && d.year() == year)
                    .findFirst();
        }

        @Override
        public List<ResultDocument> ofUnit(String orgUnit) {
            return docs.stream().filter(d -> d.orgUnit().equals(orgUnit)).toList();
        }

        @Override
        public List<ResultDocument> ofYear(int year, Collection<String> orgUnits) {
            return docs.stream()
                    .filter(d -> d.year() == year && orgUnits.contains(d.orgUnit()))
                    .toList();
        }
    }

    private static ResultDocument doc(String orgUnit, int year, double d) {
        return new ResultDocument(
                1,
                Instant.parse("2025-03-01T00:00:00Z"),
                result(
                        orgUnit,
                        year,
                        false,
                        Map.of(
                                "panel.range",
                                        computable(
                                                "panel", "range", List.of(sample(orgUnit + "/" + year, 0.5, 0.6, d))),
                                "series.range",
                                        computable(
                                                "series",
                                                "range",
                                                List.of(sample(Integer.toString(year), 0.5, 0.6, d))))));
    }

    private final Source source =
            new Source(List.of(doc("370200", 2024, 0.7), doc("370202", 2024, 0.6), doc("370211", 2024, 0.8)));

    @Test
    void theDistrictsOfAYearAreRankedAndNamedFromTheOrgUnits() {
        DistrictRanking r = ResultAnswers.districts(source, UNITS, "2024", null, null);
        assertThat(r.districts()).extracting(x -> x.synergy().orgUnit()).containsExactly("370211", "370202");
        assertThat(r.districts().get(0).name().zh()).startsWith("黄岛区");
        assertThatThrownBy(() -> ResultAnswers.districts(source, UNITS, "2023", null, null))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("No district results in 2023");
    }

    @Test
    void parametersAreCheckedAndAUnitWithoutAResultIsNoData() {
        assertThat(ResultAnswers.synergy(source, UNITS, "2024", null, null, null, null))
                .extracting(SynergyView::orgUnit, SynergyView::basis)
                .containsExactly("370200", "series");
        assertThatThrownBy(() -> ResultAnswers.synergy(source, UNITS, "2024", null, "median", null, null))
                .isInstanceOf(ProblemException.class)
                .satisfies(
                        e -> assertThat(((ProblemException) e).errors().get(0).field())
                                .isEqualTo("method"));
        // the district panel scores districts only
        assertThatThrownBy(() -> ResultAnswers.synergy(source, UNITS, "2024", "370200", null, null, "panel"))
                .isInstanceOf(ProblemException.class)
                .satisfies(
                        e -> assertThat(((ProblemException) e).errors().get(0).field())
                                .isEqualTo("basis"));
        assertThatThrownBy(() -> ResultAnswers.attainment(source, UNITS, "2024", "370203"))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("No results for 370203 in 2024");
        assertThatThrownBy(() -> ResultAnswers.history(source, UNITS, "370203", null, null, null))
                .isInstanceOf(ProblemException.class);
    }
}
