package io.synergy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrgUnitsTest {

    private final OrgUnits units = OrgUnits.load();

    @Test
    void qingdaoHasTenDistrictsAndTheCity() {
        assertThat(units.city().code()).isEqualTo("370200");
        assertThat(units.districts())
                .extracting(u -> u.code())
                .containsExactly(
                        "370202", "370203", "370211", "370212", "370213", "370214", "370215", "370281", "370283",
                        "370285");
        assertThat(units.city().districtsToSum()).hasSize(10);
        assertThat(units.isDistrict("370200")).isFalse();
        assertThat(units.isDistrict("370101")).isFalse();
    }

    @Test
    void centralUrbanGroupDefaultsAndIsConfigurable() {
        assertThat(units.find("central-urban")).get().satisfies(g -> {
            assertThat(g.level()).isEqualTo(OrgUnitLevel.GROUP);
            assertThat(g.members()).containsExactly("370202", "370203", "370212", "370213");
        });
        OrgUnits changed = units.withGroup("central-urban", "中心城区", "central urban area", List.of("370202", "370203"));
        assertThat(changed.find("central-urban").orElseThrow().members()).containsExactly("370202", "370203");
        assertThat(units.find("central-urban").orElseThrow().members()).hasSize(4);
        assertThatThrownBy(() -> units.withGroup("x", "x", "x", List.of("370200")))
                .hasMessageContaining("not a district");
    }

    @Test
    void withinAUnitAreItselfAndEveryUnitBelowIt() {
        OrgUnits registry = units.withUnit(
                        new OrgUnit("370211P01", OrgUnitLevel.PARK, "园区", "park", List.of(), "370211", null))
                .withUnit(new OrgUnit("E-IN-PARK", OrgUnitLevel.ENTERPRISE, "企业", "e", List.of(), "370211P01", null))
                .withUnit(new OrgUnit("E-IN-DISTRICT", OrgUnitLevel.ENTERPRISE, "企业", "e", List.of(), "370211", null))
                .withUnit(new OrgUnit("E-ELSEWHERE", OrgUnitLevel.ENTERPRISE, "企业", "e", List.of(), "370202", null));
        assertThat(registry.within("370211"))
                .containsExactlyInAnyOrder("370211", "370211P01", "E-IN-PARK", "E-IN-DISTRICT");
        assertThat(registry.within("370211P01")).containsExactlyInAnyOrder("370211P01", "E-IN-PARK");
        assertThat(registry.within("E-IN-PARK")).containsExactly("E-IN-PARK");
        assertThat(registry.within("370200")).contains("370200", "370211", "E-ELSEWHERE", "E-IN-PARK");
        assertThat(registry.within("central-urban"))
                .contains("370202", "E-ELSEWHERE")
                .doesNotContain("370211", "E-IN-PARK");
        assertThat(registry.within("370999")).isEmpty();
    }
}
