package io.synergy.method.inventory;

import static io.synergy.method.inventory.InventoryFixtures.catalogue;
import static io.synergy.method.inventory.InventoryFixtures.factor;
import static io.synergy.method.inventory.InventoryFixtures.factors;
import static io.synergy.method.inventory.InventoryFixtures.ncvs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A new factor version is refused, with every fault named, unless it is fit to compute with. */
class FactorLibraryValidatorTest {

    private static List<Violation> validate(
            Consumer<List<EmissionFactor>> factorEdit, Consumer<List<NetCalorificValue>> ncvEdit) {
        List<EmissionFactor> f = new ArrayList<>(factors());
        List<NetCalorificValue> n = new ArrayList<>(ncvs());
        factorEdit.accept(f);
        ncvEdit.accept(n);
        return FactorLibraryValidator.validate(FactorLibrary.draft("test", n, f), catalogue());
    }

    private static List<Violation> withFactor(EmissionFactor extra) {
        return validate(f -> f.add(extra), n -> {});
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }

    @Test
    void theWorkedExamplesLibraryIsValid() {
        assertThat(validate(f -> {}, n -> {})).isEmpty();
    }

    @Test
    void gasesActivitiesAndSectorsMustBeKnown() {
        int i = factors().size();
        assertThat(fields(withFactor(factor("CO", "rawcoal", null, 1, "kg/t", "s", false))))
                .containsExactly("factors[" + i + "].gas");
        assertThat(fields(withFactor(factor("CO2", "peat", null, 1, "kg/TJ", "s", false))))
                .containsExactly("factors[" + i + "].activity");
        assertThat(fields(withFactor(factor("CO2", "coke", "industry", 1, "kg/t", "s", false))))
                .containsExactly("factors[" + i + "].sector");
        List<Violation> nh3 = withFactor(factor("NH3", "diesel", null, 1, "kg/t", "s", false));
        assertThat(fields(nh3)).containsExactly("factors[" + i + "].gas");
        assertThat(nh3.get(0).message()).contains("does not model NH3 from diesel");
    }

    @Test
    void factorsMustBePositiveAndFinite() {
        int i = factors().size();
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThat(fields(withFactor(factor("CO2", "coke", null, bad, "kg/t", "s", false))))
                    .as("%s", bad)
                    .containsExactly("factors[" + i + "].factor");
        }
        assertThat(fields(withFactor(new EmissionFactor("CO2", "coke", null, null, "kg/t", "s", 2005, null, false))))
                .containsExactly("factors[" + i + "].factor");
    }

    @Test
    void unitsMustFitTheActivity() {
        int i = factors().size();
        assertThat(fields(withFactor(factor("CO2", "coke", null, 1, "lb/t", "s", false))))
                .containsExactly("factors[" + i + "].unit");
        assertThat(fields(withFactor(factor("CO2", "coke", null, 1, "kg/m³", "s", false))))
                .containsExactly("factors[" + i + "].unit");
        assertThat(fields(withFactor(factor("CO2", "incineration", "energy", 1, "kg/TJ", "s", false))))
                .containsExactly("factors[" + i + "].unit");
        // natural gas is counted in 10^4 m³: a factor per tonne of it cannot be applied
        assertThat(fields(withFactor(factor("NOX", "naturalgas", "building", 1, "kg/t", "s", false))))
                .containsExactly("factors[" + i + "].unit");
        assertThat(withFactor(factor("NOX", "naturalgas", "building", 5, "kg/10^4 m³", "s", false)))
                .isEmpty();
    }

    @Test
    void aPerTerajouleFactorNeedsACalorificValueForEveryYearItIsValid() {
        int i = factors().size();
        List<Violation> noNcv = withFactor(factor("CO2", "coke", null, 107_000, "kg/TJ", "s", false));
        assertThat(fields(noNcv)).containsExactly("factors[" + i + "].validFrom");
        assertThat(noNcv.get(0).message()).contains("no net calorific value of coke for 2005");
        List<Violation> gap = validate(f -> {}, n -> {
            n.removeIf(x -> x.fuel().equals("diesel"));
            n.add(new NetCalorificValue("diesel", 42.652, "GJ/t", "s", 2005, 2020));
        });
        assertThat(gap)
                .extracting(Violation::message)
                .anySatisfy(m -> assertThat(m).contains("no net calorific value of diesel for 2021"));
    }

    @Test
    void validYearsMustBeSensibleAndNotOverlap() {
        int i = factors().size();
        assertThat(fields(
                        withFactor(new EmissionFactor("CO2", "clinker", "waste", 0.5, "t/t", "s", null, null, false))))
                .containsExactly("factors[" + i + "].validFrom");
        assertThat(fields(
                        withFactor(new EmissionFactor("CO2", "clinker", "waste", 0.5, "t/t", "s", 1900, null, false))))
                .containsExactly("factors[" + i + "].validFrom");
        assertThat(fields(
                        withFactor(new EmissionFactor("CO2", "clinker", "waste", 0.5, "t/t", "s", 2024, 2020, false))))
                .containsExactly("factors[" + i + "].validTo");
        List<Violation> overlap =
                withFactor(new EmissionFactor("CO2", "clinker", null, 0.5, "t/t", "s", 2023, null, false));
        assertThat(fields(overlap)).containsExactly("factors[" + i + "].validFrom");
        assertThat(overlap.get(0).message()).contains("already given for 2005 on");
        // a sector's own row is another kind: it may cover the same years
        assertThat(withFactor(new EmissionFactor("CO2", "clinker", "energy", 0.5, "t/t", "s", 2023, null, false)))
                .isEmpty();
    }

    @Test
    void calorificValuesAreCheckedToo() {
        List<Violation> v = validate(f -> {}, n -> {
            n.add(new NetCalorificValue("clinker", 1.0, "GJ/t", "s", 2005, null));
            n.add(new NetCalorificValue("coke", -28.435, "GJ/kg", "", 2005, null));
            n.add(new NetCalorificValue("rawcoal", 21.0, "GJ/t", "s", 2024, null));
        });
        int i = ncvs().size();
        assertThat(fields(v))
                .containsExactlyInAnyOrder(
                        "ncv[" + i + "].fuel",
                        "ncv[" + (i + 1) + "].value",
                        "ncv[" + (i + 1) + "].unit",
                        "ncv[" + (i + 1) + "].source",
                        "ncv[" + (i + 2) + "].validFrom");
    }

    @Test
    void everyFaultIsReportedAtOnce() {
        FactorLibrary empty = FactorLibrary.draft(" ", List.of(), List.of());
        assertThat(fields(FactorLibraryValidator.validate(empty, catalogue())))
                .containsExactly("description", "factors");
        List<Violation> many = validate(
                f -> {
                    f.add(factor("XX", "rawcoal", null, 1, "kg/t", "s", false));
                    f.add(factor("CO2", "coke", null, -1, "kg/t", "", false));
                },
                n -> {});
        int i = factors().size();
        assertThat(fields(many))
                .containsExactly(
                        "factors[" + i + "].gas", "factors[" + (i + 1) + "].factor", "factors[" + (i + 1) + "].source");
    }
}
