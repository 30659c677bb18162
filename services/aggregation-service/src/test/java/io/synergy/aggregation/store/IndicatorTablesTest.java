package io.synergy.aggregation.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.method.results.Fact;
import io.synergy.method.results.IndicatorTable;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One table per version of the facts and hierarchy, shared by every reader; a new version of the facts brings it up to
 * date with the facts written since (issue 19: not every fact again), a new hierarchy keeps the facts.
 */
class IndicatorTablesTest {

    static final Catalogue CATALOGUE = Catalogue.load();
    static final OrgUnits UNITS = OrgUnits.load();

    /** How many times every fact was loaded, and the versions the changes were asked since. */
    private final List<Integer> loads = new ArrayList<>();

    private final List<Long> since = new ArrayList<>();

    private final IndicatorTables.Latest latest =
            new IndicatorTables.Latest((facts, units) -> new IndicatorTable(facts, CATALOGUE, units, 2020), false);

    private static Fact nonFossil(double share) {
        return new Fact("E1", "370203", 2024, share, share * 10, 1000.0, true);
    }

    /** The facts as they stand: the non-fossil share of Shibei in 2024, written at the version asked for. */
    private IndicatorTables.Loader facts(double nonFossil) {
        return new IndicatorTables.Loader() {
            @Override
            public void all(FactStore.Pages pages) throws SQLException {
                loads.add(loads.size() + 1);
                pages.accept(List.of(nonFossil(nonFossil)));
            }

            @Override
            public List<Fact> since(long version) {
                since.add(version);
                return List.of(nonFossil(nonFossil));
            }
        };
    }

    private IndicatorTable get(long version, OrgUnits units, double nonFossil) throws Exception {
        return latest.get(new IndicatorTables.Stamp(version, 0), units, facts(nonFossil))
                .table();
    }

    @Test
    void twoReadsAtOneVersionShareOneTable() throws Exception {
        IndicatorTable first = get(3, UNITS, 12.0);
        IndicatorTable second = get(3, UNITS, 99.0);
        assertThat(second).isSameAs(first);
        assertThat(loads).hasSize(1);
        assertThat(since).isEmpty();
        assertThat(second.get("370203", "E1", 2024).value()).isEqualTo(12.0);
    }

    @Test
    void aNewFactVersionReadsOnlyTheFactsWrittenSinceTheTablesVersion() throws Exception {
        IndicatorTable before = get(3, UNITS, 12.0);
        IndicatorTable after = get(4, UNITS, 13.0);
        assertThat(after).isNotSameAs(before);
        assertThat(after.get("370203", "E1", 2024).value()).isEqualTo(13.0);
        assertThat(before.get("370203", "E1", 2024).value())
                .as("the earlier table")
                .isEqualTo(12.0);
        assertThat(get(4, UNITS, 14.0)).isSameAs(after);
        assertThat(loads).as("every fact loaded once").hasSize(1);
        assertThat(since).containsExactly(3L);
    }

    @Test
    void aReaderThatSawAnOlderVersionIsServedTheNewerTable() throws Exception {
        IndicatorTable newer = get(5, UNITS, 13.0);
        // its facts are at least as new as the reader asked for: no rebuild, no going back
        assertThat(get(4, UNITS, 12.0)).isSameAs(newer);
        assertThat(loads).hasSize(1);
    }

    @Test
    void aNewHierarchyKeepsTheFactsAndComputesTheFiguresAnew() throws Exception {
        IndicatorTable before = get(3, UNITS, 12.0);
        OrgUnits withPark = UNITS.withUnit(
                new OrgUnit("370203P01", OrgUnitLevel.PARK, "市北测试园区", "Shibei test park", List.of(), "370203", null));
        IndicatorTable after = get(3, withPark, 12.0);
        assertThat(after).isNotSameAs(before);
        assertThat(after.get("370203P01", "E1", 2024).present()).isFalse();
        assertThat(after.get("370203", "E1", 2024).value()).isEqualTo(12.0);
        assertThat(loads).as("the facts kept").hasSize(1);
    }

    @Test
    void anotherVersionOfTheAcceptancesBuildsTheTableFromEveryFact() throws Exception {
        IndicatorTables.Latest official =
                new IndicatorTables.Latest((facts, units) -> new IndicatorTable(facts, CATALOGUE, units, 2020), true);
        official.get(new IndicatorTables.Stamp(3, 1), UNITS, facts(12.0));
        official.get(new IndicatorTables.Stamp(3, 2), UNITS, facts(12.0));
        assertThat(loads).hasSize(2);
        assertThat(since).isEmpty();
    }
}
