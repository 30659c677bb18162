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
        public Optional<ResultDocument> find(ResultView view, String orgUnit, int year) {
            return docs.stream()
                    .filter(d -> d.view() == view && d.orgUnit().equals(orgUnit) && d.year() == year)
                    .findFirst();
        }

        @Override
        public List<ResultDocument> ofUnit(ResultView view, String orgUnit) {
            return docs.stream()
                    .filter(d -> d.view() == view && d.orgUnit().equals(orgUnit))
                    .toList();
        }

        @Override
        public List<ResultDocument> ofYear(ResultView view, int year, Collection<String> orgUnits) {
            return docs.stream()
                    .filter(d -> d.view() == view && d.year() == year && orgUnits.contains(d.orgUnit()))
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
        DistrictRanking r = ResultAnswers.districts(source, UNITS, null, "2024", null, null);
        assertThat(r.districts()).extracting(x -> x.synergy().orgUnit()).containsExactly("370211", "370202");
        assertThat(r.districts().get(0).name().zh()).startsWith("黄岛区");
        assertThatThrownBy(() -> ResultAnswers.districts(source, UNITS, null, "2023", null, null))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("No district results in 2023");
    }

    @Test
    void parametersAreCheckedAndAUnitWithoutAResultIsNoData() {
        assertThat(ResultAnswers.synergy(source, UNITS, null, "2024", null, null, null, null))
                .extracting(SynergyView::orgUnit, SynergyView::basis)
                .containsExactly("370200", "series");
        assertThatThrownBy(() -> ResultAnswers.synergy(source, UNITS, null, "2024", null, "median", null, null))
                .isInstanceOf(ProblemException.class)
                .satisfies(
                        e -> assertThat(((ProblemException) e).errors().get(0).field())
                                .isEqualTo("method"));
        // the district panel scores districts only
        assertThatThrownBy(() -> ResultAnswers.synergy(source, UNITS, null, "2024", "370200", null, null, "panel"))
                .isInstanceOf(ProblemException.class)
                .satisfies(
                        e -> assertThat(((ProblemException) e).errors().get(0).field())
                                .isEqualTo("basis"));
        assertThatThrownBy(() -> ResultAnswers.attainment(source, UNITS, null, "2024", "370203"))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("No results for 370203 in 2024");
        assertThatThrownBy(() -> ResultAnswers.history(source, UNITS, null, "370203", null, null, null))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void eachViewIsAnsweredFromItsOwnDocumentsWithItsCountAndAnyOtherViewIsRefused() {
        ResultDocument latest = doc("370200", 2024, 0.7);
        ResultDocument official = doc("370200", 2024, 0.4);
        Source both = new Source(List.of(
                new ResultDocument(1, latest.computedAt(), ResultView.LATEST, new DataSets(3, 50), latest.result()),
                new ResultDocument(
                        2, official.computedAt(), ResultView.OFFICIAL, new DataSets(3, 50), official.result())));
        SynergyView o = ResultAnswers.synergy(both, UNITS, "official", "2024", null, null, null, null);
        assertThat(o.score().d()).isEqualTo(0.4);
        assertThat(o.view()).isEqualTo(ResultView.OFFICIAL);
        assertThat(o.dataSets()).isEqualTo(new DataSets(3, 50));
        assertThat(ResultAnswers.synergy(both, UNITS, null, "2024", null, null, null, null)
                        .score()
                        .d())
                .isEqualTo(0.7);
        assertThat(ResultAnswers.attainment(both, UNITS, "OFFICIAL", "2024", null))
                .extracting(AttainmentView::view, AttainmentView::version)
                .containsExactly(ResultView.OFFICIAL, 2L);
        assertThat(ResultAnswers.history(both, UNITS, "official", null, null, null, null)
                        .years()
                        .get(0)
                        .dataSets())
                .isEqualTo(new DataSets(3, 50));
        // only the latest exists for the districts: the official ranking has nothing yet
        assertThatThrownBy(() -> ResultAnswers.districts(source, UNITS, "official", "2024", null, null))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("No district results");
        assertThatThrownBy(() -> ResultAnswers.attainment(both, UNITS, "draft", "2024", null))
                .isInstanceOf(ProblemException.class)
                .satisfies(
                        e -> assertThat(((ProblemException) e).errors().get(0).field())
                                .isEqualTo("view"));
    }
}
