package io.synergy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

    /**
     * A service learns a city one unit at a time (the replay of org-units.v1), and each snapshot adds one unit to the
     * one before it. Every snapshot, old or new, chained or folded into a new map, must answer exactly as a registry
     * built from its units at once: the order of registration, a unit moved to another park, the indexes.
     */
    @Test
    void aCityRegisteredOneUnitAtATimeAnswersAsIfBuiltAtOnce() {
        Random random = new Random(19);
        List<String> parks = List.of("370211P01", "370211P02", "370202P01");
        Map<String, OrgUnit> expected = new LinkedHashMap<>();
        units.everything().forEach(u -> expected.put(u.code(), u));
        List<OrgUnits> snapshots = new ArrayList<>();
        List<Map<String, OrgUnit>> expectedAt = new ArrayList<>();
        OrgUnits registry = units;
        for (String park : parks) {
            OrgUnit p = new OrgUnit(park, OrgUnitLevel.PARK, "园区", "park", List.of(), park.substring(0, 6), null);
            registry = registry.withUnit(p);
            expected.put(park, p);
        }
        for (int i = 0; i < 5 * 64 + 7; i++) {
            // every fifth registration moves an enterprise registered before (a later record of the same code)
            String code = i % 5 == 4 ? "E" + random.nextInt(i) : "E" + i;
            String parent = random.nextInt(4) == 0 ? "370213" : parks.get(random.nextInt(parks.size()));
            OrgUnit e = new OrgUnit(code, OrgUnitLevel.ENTERPRISE, "企业", "e", List.of(), parent, null);
            registry = registry.withUnit(e);
            expected.put(code, e);
            if (i % 23 == 0) {
                snapshots.add(registry);
                expectedAt.add(new LinkedHashMap<>(expected));
                assertAnswersAsBuiltAtOnce(registry, expected);
            }
        }
        assertAnswersAsBuiltAtOnce(registry, expected);
        for (int k = 0; k < snapshots.size(); k++) {
            assertAnswersAsBuiltAtOnce(snapshots.get(k), expectedAt.get(k));
        }
        // the checks see the units of the chain too: a registered enterprise cannot come back as a park
        OrgUnit last = new OrgUnit("E-LAST", OrgUnitLevel.ENTERPRISE, "企业", "e", List.of(), "370211P02", null);
        OrgUnits chained = registry.withUnit(last);
        assertThatThrownBy(() -> chained.withUnit(
                        new OrgUnit("E-LAST", OrgUnitLevel.PARK, "园区", "park", List.of(), "370211", null)))
                .hasMessageContaining("already registered as a ENTERPRISE");
    }

    /**
     * A service's current snapshot is the last of thousands (one per registered unit): once indexed, it must not hold the
     * one it was built on, which held the one before it, and so on down to the start with every index on the way.
     */
    @Test
    void anIndexedSnapshotDoesNotHoldTheOneItWasBuiltOn() {
        OrgUnits before =
                units.withUnit(new OrgUnit("370211P01", OrgUnitLevel.PARK, "园区", "park", List.of(), "370211", null));
        before.enterprises(); // indexed, as a service's reads index it
        WeakReference<OrgUnits> earlier = new WeakReference<>(before);
        OrgUnits current =
                before.withUnit(new OrgUnit("E-1", OrgUnitLevel.ENTERPRISE, "企业", "e", List.of(), "370211P01", null));
        before = null;
        assertThat(current.enterprises()).extracting(OrgUnit::code).containsExactly("E-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return earlier.get() == null;
        });
        assertThat(current.find("370211P01")).isPresent();
        assertThat(current.within("370211")).contains("370211P01", "E-1");
    }

    private static void assertAnswersAsBuiltAtOnce(OrgUnits registry, Map<String, OrgUnit> expected) {
        for (OrgUnit u : expected.values()) {
            assertThat(registry.find(u.code())).contains(u);
        }
        assertThat(registry.everything()).containsExactlyElementsOf(expected.values());
        assertThat(registry.enterprises())
                .containsExactlyElementsOf(expected.values().stream()
                        .filter(u -> u.level() == OrgUnitLevel.ENTERPRISE)
                        .toList());
        for (String parent : List.of("370211P01", "370211P02", "370202P01", "370213")) {
            assertThat(registry.children(parent))
                    .containsExactlyElementsOf(expected.values().stream()
                            .filter(u -> parent.equals(u.parent()))
                            .toList());
        }
        assertThat(registry.enterprisesUnder("370211"))
                .containsExactlyInAnyOrderElementsOf(expected.values().stream()
                        .filter(u -> u.level() == OrgUnitLevel.ENTERPRISE
                                && u.parent().startsWith("370211"))
                        .toList());
        assertThat(registry.districtOf("E0").map(OrgUnit::code))
                .contains(expected.get("E0").parent().substring(0, 6));
    }
}
