package io.synergy.method.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitDetails;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Enterprise → park → district → city: sums of numerators and denominators, and district totals never counted twice. */
class HierarchyRollUpTest {

    static final Catalogue CATALOGUE = Catalogue.load();

    static String uscc(String first17) {
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    static final String PARK_A = "370211P01";
    static final String PARK_B = "370211P02";
    static final String E1 = uscc("91370211MA3C00001");
    static final String E2 = uscc("91370211MA3C00002");
    static final String E3 = uscc("91370211MA3C00003");

    static OrgUnit park(String code) {
        return new OrgUnit(
                code,
                OrgUnitLevel.PARK,
                code,
                code,
                List.of(),
                "370211",
                new OrgUnitDetails(null, null, Set.of(), false));
    }

    static OrgUnit enterprise(String code, String parent) {
        return new OrgUnit(
                code,
                OrgUnitLevel.ENTERPRISE,
                code,
                code,
                List.of(),
                parent,
                new OrgUnitDetails("C", "26", Set.of(), false));
    }

    static OrgUnits registry() {
        return OrgUnits.load()
                .withUnit(park(PARK_A))
                .withUnit(park(PARK_B))
                .withUnit(enterprise(E1, PARK_A))
                .withUnit(enterprise(E2, PARK_A))
                .withUnit(enterprise(E3, "370211"));
    }

    static List<Fact> enterpriseFacts() {
        return List.of(
                new Fact("E1", E1, 2024, 10.0, 100.0, 1000.0, true),
                new Fact("E1", E2, 2024, 30.0, 900.0, 3000.0, true),
                new Fact("E1", E3, 2024, 50.0, 500.0, 1000.0, true),
                new Fact("energy.emissions.co2", E1, 2024, 1000.0, 1000.0, null, true),
                new Fact("energy.emissions.co2", E2, 2024, 3000.0, 3000.0, null, true),
                new Fact("energy.emissions.co2", E3, 2024, 500.0, 500.0, null, true));
    }

    @Test
    void parksSumTheirEnterprisesAndDistrictsWithoutATotalSumAllTheirEnterprises() {
        IndicatorTable t = new IndicatorTable(enterpriseFacts(), CATALOGUE, registry(), 2020);
        assertThat(t.get(E2, "E1", 2024).value()).isEqualTo(30.0);
        assertThat(t.get(PARK_A, "E1", 2024).value()).isCloseTo(1000.0 / 4000 * 100, within(1e-12));
        assertThat(t.get(PARK_A, "EM-CO2", 2024).value()).isEqualTo(4000.0);
        // the district reported no total: its enterprises, in parks or not, make it up (and it says so)
        assertThat(t.get("370211", "E1", 2024).value()).isCloseTo(1500.0 / 5000 * 100, within(1e-12));
        assertThat(t.get("370211", "E1", 2024).missing())
                .anyMatch(m -> m.contains("from 3 of 3 registered enterprises"));
        assertThat(t.get("370200", "EM-CO2", 2024).value()).isEqualTo(4500.0);
    }

    @Test
    void aDistrictsReportedTotalWinsOverItsEnterprisesSoNothingIsCountedTwice() {
        List<Fact> facts = new ArrayList<>(enterpriseFacts());
        facts.add(new Fact("E1", "370211", 2024, 20.0, 2000.0, 10000.0, true));
        IndicatorTable t = new IndicatorTable(facts, CATALOGUE, registry(), 2020);
        assertThat(t.get("370211", "E1", 2024).value()).isEqualTo(20.0);
        assertThat(t.get("370200", "E1", 2024).numerator()).isEqualTo(2000.0);
        assertThat(t.get(PARK_A, "E1", 2024).value())
                .isCloseTo(25.0, within(1e-12)); // parks still show their enterprises
    }

    @Test
    void movingAnEnterpriseToAnotherParkMovesItsFigures() {
        OrgUnits moved = registry().withUnit(enterprise(E2, PARK_B));
        IndicatorTable before = new IndicatorTable(enterpriseFacts(), CATALOGUE, registry(), 2020);
        IndicatorTable after = new IndicatorTable(enterpriseFacts(), CATALOGUE, moved, 2020);
        assertThat(before.get(PARK_B, "EM-CO2", 2024).present()).isFalse();
        assertThat(after.get(PARK_B, "EM-CO2", 2024).value()).isEqualTo(3000.0);
        assertThat(after.get(PARK_A, "EM-CO2", 2024).value()).isEqualTo(1000.0);
        assertThat(after.get("370211", "EM-CO2", 2024).value())
                .isEqualTo(before.get("370211", "EM-CO2", 2024).value());
    }

    @Test
    void theRegistryRefusesAUnitInTheWrongPlace() {
        OrgUnits units = OrgUnits.load();
        Assertions.assertThatThrownBy(() -> units.withUnit(enterprise(E1, "370200")))
                .hasMessageContaining("park or a district");
        Assertions.assertThatThrownBy(() -> units.withUnit(park("370299P01").withParent("370299")))
                .hasMessageContaining("district");
    }
}
