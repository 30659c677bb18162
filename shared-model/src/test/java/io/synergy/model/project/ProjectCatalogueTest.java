package io.synergy.model.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.synergy.model.orgunit.OrgUnitLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalogue of key-project types and pilot programmes: what the plan names, and what a broken catalogue is refused for. */
class ProjectCatalogueTest {

    private final ProjectCatalogue catalogue = ProjectCatalogue.load();

    @Test
    void theCataloguesClausesAreThoseOfThePlanThatNameProjectsOrDesignations() {
        assertThat(catalogue.clauses())
                .extracting(ProjectCatalogue.Clause::number)
                .containsExactly(2, 3, 4, 6, 7, 8, 11, 15, 16, 17, 18, 21);
        assertThat(catalogue.clause(11).orElseThrow().label()).isEqualTo("（十一）");
        assertThat(catalogue.clause(21).orElseThrow().label()).isEqualTo("（二十一）");
        assertThat(ProjectCatalogue.label(10)).isEqualTo("（十）");
        assertThat(ProjectCatalogue.label(20)).isEqualTo("（二十）");
        // every clause the issue names for projects has a type
        for (int clause : List.of(3, 4, 6, 7, 8, 11, 15, 17, 18)) {
            assertThat(catalogue.types()).as("clause " + clause).anyMatch(t -> t.clause() == clause);
        }
        assertThat(catalogue.type("COAL_POWER_RETROFIT").orElseThrow().zh()).contains("三改联动");
        assertThat(catalogue.type("VOCS_GREEN_ISLAND").orElseThrow().substances())
                .contains(Substance.VOCS);
        assertThat(catalogue.type("ROOFTOP_PV").orElseThrow().substances()).containsExactly(Substance.CO2);
        // E5's water pollutants are in the catalogue where they make sense
        assertThat(catalogue.types())
                .anyMatch(t ->
                        t.substances().contains(Substance.COD) && t.substances().contains(Substance.NH3N));
    }

    @Test
    void theCarbonEiaPilotIsByIndustryExtendedToHeatingAndFoundries() {
        ProjectCatalogue.Programme eia = catalogue.programme("CARBON_EIA").orElseThrow();
        assertThat(eia.clause()).isEqualTo(2);
        assertThat(eia.industries()).containsExactly("STEEL", "CHEMICAL", "TYRE", "BEER", "HEATING", "FOUNDRY");
        assertThat(catalogue.industries())
                .filteredOn(ProjectCatalogue.Industry::extension)
                .extracting(ProjectCatalogue.Industry::zh)
                .containsExactly("热力", "铸造");
        assertThat(catalogue.programme("ZERO_WASTE_FACTORY").orElseThrow().orgUnitLevels())
                .containsExactly(OrgUnitLevel.ENTERPRISE);
        assertThat(catalogue.programme("NEAR_ZERO_BENCHMARK").orElseThrow().zh())
                .contains("双近零");
        assertThat(catalogue.programmes())
                .extracting(ProjectCatalogue.Programme::code)
                .contains(
                        "ZERO_WASTE_PARK",
                        "PARK_SYNERGY_PILOT",
                        "ENTERPRISE_SYNERGY_PILOT",
                        "CITY_SYNERGY_PILOT",
                        "BEAUTIFUL_CITY",
                        "EOD_PILOT");
    }

    static ProjectCatalogue parse(String yaml) throws Exception {
        return ProjectCatalogue.parse(new ObjectMapper(new YAMLFactory()).readTree(yaml));
    }

    static final String CLAUSE = "clauses: [{number: 3, zh: 能源, en: energy, departments: [市发展改革委]}]\n";
    static final String PROGRAMME = "programmes: [{code: P1, clause: 3, zh: 试点, en: pilot, orgUnitLevels: [PARK]}]\n";

    @Test
    void aBrokenCatalogueIsRefusedWithEveryFault() throws Exception {
        assertThat(parse(CLAUSE + PROGRAMME
                                + "projectTypes: [{code: T1, clause: 3, zh: 改造, en: retrofit, substances: [NOX]}]\n")
                        .types())
                .hasSize(1);
        assertThatThrownBy(() -> parse(CLAUSE + PROGRAMME
                        + "projectTypes: [{code: T1, clause: 9, zh: 改造, en: retrofit, substances: []}]\n"))
                .hasMessageContaining("T1 names clause 9")
                .hasMessageContaining("T1 names no substance");
        assertThatThrownBy(() -> parse(CLAUSE + PROGRAMME
                        + "projectTypes: [{code: T1, clause: 3, zh: 改造, en: retrofit, substances: [OZONE]}]\n"))
                .hasMessageContaining("unknown substance OZONE");
        assertThatThrownBy(() -> parse(
                        CLAUSE + PROGRAMME + "projectTypes: [{code: T1, clause: 3, zh: a, en: a, substances: [CO2]},"
                                + " {code: T1, clause: 3, zh: b, en: b, substances: [CO2]}]\n"))
                .hasMessageContaining("T1 is listed twice");
        assertThatThrownBy(
                        () -> parse(
                                CLAUSE + "projectTypes: [{code: T1, clause: 3, zh: a, en: a, substances: [CO2]}]\n"
                                        + "programmes: [{code: P1, clause: 3, zh: 试点, en: pilot, orgUnitLevels: [GROUP], industries: [GOLD]}]\n"))
                .hasMessageContaining("P1 designates CITY, DISTRICT, PARK or ENTERPRISE")
                .hasMessageContaining("unknown industry GOLD");
    }
}
