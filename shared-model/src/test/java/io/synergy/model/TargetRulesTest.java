package io.synergy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.target.Allocation;
import io.synergy.model.target.AppliedTarget;
import io.synergy.model.target.ProvincialTarget;
import io.synergy.model.target.TargetBasis;
import io.synergy.model.target.TargetRules;
import io.synergy.model.target.TargetSource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The defaults of the catalogue and the allocations' timeline (docs/reporting-cycle.md), as pure functions. */
class TargetRulesTest {

    static final String PLAN = "青环发〔2024〕18号";
    static final String SHANDONG = "鲁政字〔2022〕242号";
    static final List<String> CENTRAL = List.of("370202", "370203", "370212", "370213");
    static final List<String> OUTSIDE = List.of("370211", "370214", "370215", "370281", "370283", "370285");

    private final Catalogue catalogue = Catalogue.load();
    private final OrgUnits units = OrgUnits.load();
    private final TargetRules rules = new TargetRules(catalogue, units, Map.of());

    private Indicator indicator(String id) {
        return catalogue.indicator(id).orElseThrow();
    }

    private OrgUnit unit(String code) {
        return units.find(code).orElseThrow();
    }

    private AppliedTarget resolve(String indicator, String unit, int year, Allocation... allocations) {
        return rules.resolve(indicator(indicator), unit(unit), year, List.of(allocations));
    }

    static Allocation allocation(String from, double value, int targetYear, String document) {
        return new Allocation(
                LocalDate.parse(from),
                value,
                targetYear,
                document,
                "planner-wang",
                Instant.parse("2025-03-01T08:00:00Z"));
    }

    @Test
    void greenTravelT1AppliesToTheCentralUrbanAreaAndItsDistrictsOnly() {
        for (String d : CENTRAL) {
            assertThat(resolve("T1", d, 2024)).as(d).satisfies(t -> {
                assertThat(t.source()).isEqualTo(TargetSource.PLAN);
                assertThat(t.value()).isEqualTo(70.0);
                assertThat(t.document()).isEqualTo(PLAN);
            });
        }
        assertThat(resolve("T1", "central-urban", 2024).source()).isEqualTo(TargetSource.PLAN);
        assertThat(resolve("T1", "370200", 2024).source())
                .as("the city's T1 is taken over 中心城区")
                .isEqualTo(TargetSource.PLAN);
        for (String d : OUTSIDE) {
            AppliedTarget t = resolve("T1", d, 2024);
            assertThat(t.source()).as(d).isEqualTo(TargetSource.NONE);
            assertThat(t.value()).as(d).isNull();
            assertThat(t.document()).as(d).isNull();
        }
        // 平度 with its own allocation
        assertThat(resolve("T1", "370283", 2025, allocation("2025-02-10", 45, 2025, "平政发〔2025〕2号")))
                .extracting(AppliedTarget::source, AppliedTarget::value, AppliedTarget::document)
                .containsExactly(TargetSource.ALLOCATED, 45.0, "平政发〔2025〕2号");
    }

    @Test
    void theScopeFollowsTheConfiguredGroup() {
        OrgUnits narrower = units.withGroup("central-urban", "中心城区", "central urban area", List.of("370202", "370203"));
        TargetRules r = new TargetRules(catalogue, narrower, Map.of());
        assertThat(r.resolve(indicator("T1"), narrower.find("370212").orElseThrow(), 2024, List.of())
                        .source())
                .isEqualTo(TargetSource.NONE);
        assertThat(r.resolve(indicator("T1"), narrower.find("370203").orElseThrow(), 2024, List.of())
                        .source())
                .isEqualTo(TargetSource.PLAN);
    }

    @Test
    void anAbsoluteQuantityAppliesToNoDistrictUnlessAllocated() {
        for (String id : List.of("E5-NOX", "E5-VOCS")) {
            AppliedTarget city = resolve(id, "370200", 2025);
            assertThat(city.source()).isEqualTo(TargetSource.PLAN);
            assertThat(city.basis()).as("the catalogue gives E5 no figure").isEqualTo(TargetBasis.PLACEHOLDER);
            assertThat(city.document()).isEqualTo(SHANDONG);
            for (String d : units.districts().stream().map(OrgUnit::code).toList()) {
                assertThat(resolve(id, d, 2025).source()).as(id + " " + d).isEqualTo(TargetSource.NONE);
            }
            assertThat(resolve(id, "central-urban", 2025).source()).isEqualTo(TargetSource.NONE);
        }
        assertThat(resolve("E5-NOX", "370211", 2025, allocation("2024-06-01", 1200, 2025, "青环发〔2024〕30号")))
                .extracting(AppliedTarget::source, AppliedTarget::value, AppliedTarget::basis)
                .containsExactly(TargetSource.ALLOCATED, 1200.0, TargetBasis.DOCUMENT);
        // 零填埋: zero for the city is zero for every part
        assertThat(resolve("W2", "370285", 2024))
                .extracting(AppliedTarget::source, AppliedTarget::value)
                .containsExactly(TargetSource.PLAN, 0.0);
    }

    @Test
    void percentagesAndIntensitiesApplyToEveryDistrictAndGroup() {
        for (Indicator i : catalogue.targeted()) {
            if (TargetRules.isQuantity(i) || i.target().scope() != null) {
                continue;
            }
            for (OrgUnit u : units.all()) {
                AppliedTarget t = rules.resolve(i, u, 2025, List.of());
                assertThat(t.source()).as(i.id() + " " + u.code()).isEqualTo(TargetSource.PLAN);
                assertThat(t.value()).as(i.id()).isEqualTo(i.target().value());
                assertThat(t.targetYear()).as(i.id()).isEqualTo(i.target().year());
            }
        }
        assertThat(resolve("E2", "370283", 2023).value()).isEqualTo(295.0);
        // provincial defaults name the Shandong document and say they are defaults
        assertThat(resolve("E3", "370211", 2025))
                .extracting(AppliedTarget::document, AppliedTarget::basis)
                .containsExactly(SHANDONG, TargetBasis.DEFAULT);
        assertThat(resolve("E1", "370211", 2025))
                .extracting(AppliedTarget::document, AppliedTarget::basis)
                .containsExactly(PLAN, TargetBasis.DOCUMENT);
    }

    @Test
    void targetsKeptEveryYearApplyFromTheirFirstYearEachYear() {
        for (String id : List.of("T2", "A2", "W2")) {
            assertThat(resolve(id, "370202", 2023).source())
                    .as(id + " before the plan's first year")
                    .isEqualTo(TargetSource.NONE);
            for (int y = 2024; y <= 2030; y++) {
                AppliedTarget t = resolve(id, "370202", y);
                assertThat(t.source()).as(id + " " + y).isEqualTo(TargetSource.PLAN);
                assertThat(t.keptEveryYear()).isTrue();
            }
        }
        // an allocation that keeps A2 at 95 % from 2026 on: 2025 is the plan's no more (the document is in force), 2026
        // is 95
        Allocation a = allocation("2025-01-15", 95, 2026, "青农发〔2025〕1号");
        assertThat(resolve("A2", "370283", 2024, a).source()).isEqualTo(TargetSource.PLAN);
        assertThat(resolve("A2", "370283", 2025, a).source()).isEqualTo(TargetSource.NONE);
        assertThat(resolve("A2", "370283", 2026, a).value()).isEqualTo(95.0);
        assertThat(resolve("A2", "370283", 2027, a).value()).isEqualTo(95.0);
    }

    @Test
    void anAllocationAppliesFromTheYearItIsInForceUntilALaterOne() {
        Allocation first = allocation("2024-05-01", 16, 2025, "青发改〔2024〕7号");
        Allocation second = allocation("2026-03-01", 18, 2027, "青发改〔2026〕2号");
        assertThat(resolve("E1", "370211", 2023, second, first).source())
                .as("before any allocation: the plan's")
                .isEqualTo(TargetSource.PLAN);
        assertThat(resolve("E1", "370211", 2024, second, first))
                .extracting(
                        AppliedTarget::source, AppliedTarget::value, AppliedTarget::effectiveFrom, AppliedTarget::setBy)
                .containsExactly(TargetSource.ALLOCATED, 16.0, LocalDate.parse("2024-05-01"), "planner-wang");
        assertThat(resolve("E1", "370211", 2025, second, first).value()).isEqualTo(16.0);
        assertThat(resolve("E1", "370211", 2026, second, first))
                .extracting(AppliedTarget::value, AppliedTarget::targetYear, AppliedTarget::document)
                .containsExactly(18.0, 2027, "青发改〔2026〕2号");
        // other units keep the plan's
        assertThat(resolve("E1", "370212", 2026).value()).isEqualTo(15.0);
    }

    @Test
    void aConfiguredProvincialAssignmentReplacesTheDefault() {
        TargetRules assigned =
                new TargetRules(catalogue, units, Map.of("E5-NOX", new ProvincialTarget(8700, "鲁环发[2023]12号")));
        AppliedTarget t = assigned.resolve(indicator("E5-NOX"), unit("370200"), 2025, List.of());
        assertThat(t)
                .extracting(AppliedTarget::value, AppliedTarget::document, AppliedTarget::basis)
                .containsExactly(8700.0, "鲁环发〔2023〕12号", TargetBasis.DOCUMENT);
        assertThat(assigned.resolve(indicator("E5-NOX"), unit("370211"), 2025, List.of())
                        .source())
                .isEqualTo(TargetSource.NONE);
        assertThatThrownBy(() -> new TargetRules(catalogue, units, Map.of("E1", new ProvincialTarget(16, SHANDONG))))
                .hasMessageContaining("E1")
                .hasMessageContaining("not a provincial target");
        assertThatThrownBy(() -> new TargetRules(catalogue, units, Map.of("E3", new ProvincialTarget(140, SHANDONG))))
                .hasMessageContaining("percentage");
        assertThatThrownBy(() -> new TargetRules(
                        catalogue, units, Map.of("E3", new ProvincialTarget(14, "the province's letter"))))
                .hasMessageContaining("文号");
    }

    @Test
    void parksAndEnterprisesHaveNoTargetsOfThePlan() {
        assertThat(rules.unit("370211")).isPresent();
        assertThat(rules.unit("central-urban")).isPresent();
        assertThat(rules.unit("370200")).isPresent();
        assertThat(rules.unit("370299")).isEmpty();
        assertThat(rules.indicator("EM-NOX"))
                .as("monitoring indicators have no target")
                .isEmpty();
        assertThat(rules.indicator("T3")).isPresent();
        assertThat(rules.lastPlanYear()).isEqualTo(2030);
    }

    @Test
    void valuesMustBeSane() {
        assertThat(TargetRules.valueProblem(indicator("E1"), 100)).isEmpty();
        assertThat(TargetRules.valueProblem(indicator("E1"), 100.5)).contains("must be a percentage from 0 to 100");
        assertThat(TargetRules.valueProblem(indicator("E1"), -1)).isPresent();
        assertThat(TargetRules.valueProblem(indicator("E1"), Double.NaN)).contains("must be a finite number");
        assertThat(TargetRules.valueProblem(indicator("E5-NOX"), 0)).isEmpty();
        assertThat(TargetRules.valueProblem(indicator("E5-NOX"), 25000)).isEmpty();
        assertThat(TargetRules.valueProblem(indicator("E5-NOX"), -5)).isPresent();
        assertThat(TargetRules.valueProblem(indicator("E2"), 0))
                .as("no coal-fired unit runs on nothing")
                .isPresent();
        assertThat(TargetRules.yearProblem(1999)).isPresent();
        assertThat(TargetRules.yearProblem(2025)).isEmpty();
    }

    @Test
    void aDocumentIsAWenhaoStoredWithHexagonalBrackets() {
        assertThat(TargetRules.normaliseDocument("青环发〔2024〕18号")).contains(PLAN);
        assertThat(TargetRules.normaliseDocument(" 青环发[2024]18号 ")).contains(PLAN);
        assertThat(TargetRules.normaliseDocument("青环发（2024）第18号")).contains(PLAN);
        assertThat(TargetRules.normaliseDocument("青环发【2024】18 号")).contains(PLAN);
        assertThat(TargetRules.normaliseDocument("meeting of 3 May")).isEmpty();
        assertThat(TargetRules.normaliseDocument("青环发〔24〕18号")).isEmpty();
        assertThat(TargetRules.normaliseDocument("青环发〔2024〕号")).isEmpty();
        assertThat(TargetRules.normaliseDocument(null)).isEmpty();
    }
}
