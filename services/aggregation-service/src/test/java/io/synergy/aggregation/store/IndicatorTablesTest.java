package io.synergy.aggregation.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.method.results.Fact;
import io.synergy.method.results.IndicatorTable;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One table per version of the facts and hierarchy, shared by every reader; a new version builds it once more. */
class IndicatorTablesTest {

    static final Catalogue CATALOGUE = Catalogue.load();
    static final OrgUnits UNITS = OrgUnits.load();

    /** How many times the facts were loaded. */
    private final List<Integer> loads = new ArrayList<>();

    private final IndicatorTables.Latest latest =
            new IndicatorTables.Latest((facts, units) -> new IndicatorTable(facts, CATALOGUE, units, 2020));

    /** The facts as they stand: the non-fossil share of Shibei in 2024. */
    private IndicatorTables.FactLoader facts(double nonFossil) {
        return () -> {
            loads.add(loads.size() + 1);
            return List.of(new Fact("E1", "370203", 2024, nonFossil, nonFossil * 10, 1000.0, true));
        };
    }

    @Test
    void twoReadsAtOneVersionShareOneTable() throws Exception {
        IndicatorTable first = latest.get(3, UNITS, facts(12.0));
        IndicatorTable second = latest.get(3, UNITS, facts(99.0));
        assertThat(second).isSameAs(first);
        assertThat(loads).hasSize(1);
        assertThat(second.get("370203", "E1", 2024).value()).isEqualTo(12.0);
    }

    @Test
    void aNewFactVersionRebuildsTheTableOnceWithTheNewFacts() throws Exception {
        IndicatorTable before = latest.get(3, UNITS, facts(12.0));
        IndicatorTable after = latest.get(4, UNITS, facts(13.0));
        assertThat(after).isNotSameAs(before);
        assertThat(after.get("370203", "E1", 2024).value()).isEqualTo(13.0);
        assertThat(latest.get(4, UNITS, facts(14.0))).isSameAs(after);
        assertThat(loads).hasSize(2);
    }

    @Test
    void aReaderThatSawAnOlderVersionIsServedTheNewerTable() throws Exception {
        IndicatorTable newer = latest.get(5, UNITS, facts(13.0));
        // its facts are at least as new as the reader asked for: no rebuild, no going back
        assertThat(latest.get(4, UNITS, facts(12.0))).isSameAs(newer);
        assertThat(loads).hasSize(1);
    }

    @Test
    void aNewHierarchyRebuildsTheTable() throws Exception {
        IndicatorTable before = latest.get(3, UNITS, facts(12.0));
        OrgUnits withPark = UNITS.withUnit(
                new OrgUnit("370203P01", OrgUnitLevel.PARK, "市北测试园区", "Shibei test park", List.of(), "370203", null));
        IndicatorTable after = latest.get(3, withPark, facts(12.0));
        assertThat(after).isNotSameAs(before);
        assertThat(after.get("370203P01", "E1", 2024).present()).isFalse();
        assertThat(loads).hasSize(2);
    }
}
