package io.synergy.model.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A share (100 × part ÷ whole) stays within 0–100 % only through its part-of-whole rule: the catalogue insists on it. */
class ShareRuleTest {

    private static final DataElement WHOLE = new DataElement(
            "energy.primary.total",
            Sector.ENERGY,
            "一次能源消费总量",
            "primary energy",
            "tce",
            Map.of(),
            Aggregation.SUM,
            true);
    private static final DataElement PART = new DataElement(
            "energy.primary.nonfossil",
            Sector.ENERGY,
            "非化石能源消费量",
            "non-fossil",
            "tce",
            Map.of(),
            Aggregation.SUM,
            true);
    private static final Indicator SHARE = new Indicator(
            "E1",
            Sector.ENERGY,
            "非化石能源占比",
            "non-fossil share",
            "%",
            Direction.HIGHER,
            null,
            null,
            "一",
            new Formula(FormulaType.RATIO, PART.code(), WHOLE.code(), 100.0, null));

    @Test
    void aShareWithoutItsRuleIsRefused() {
        assertThatThrownBy(() -> new Catalogue(List.of(WHOLE, PART), List.of(SHARE), List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("E1")
                .hasMessageContaining("energy.primary.nonfossil within energy.primary.total");
    }

    @Test
    void aShareWithItsRuleIsAccepted() {
        Catalogue c = new Catalogue(
                List.of(WHOLE, PART),
                List.of(SHARE),
                List.of(new PartOfWholeRule("nonfossil-within-total", PART.code(), WHOLE.code())));
        assertThat(c.rules(Sector.ENERGY)).hasSize(1);
    }

    @Test
    void everyShareOfThePlanHasItsRule() {
        Catalogue c = Catalogue.load();
        List<Indicator> shares = c.indicators().stream()
                .filter(i -> i.formula().type() == FormulaType.RATIO && "%".equals(i.unit()))
                .toList();
        assertThat(shares)
                .extracting(Indicator::id)
                .contains("E1", "COAL-SHARE", "T1", "T2", "T3", "FREIGHT-RW", "B1", "B2", "A1", "A2", "W1", "W3");
        for (Indicator i : shares) {
            assertThat(c.rules())
                    .as("rule of %s", i.id())
                    .anyMatch(r -> r.part().equals(i.formula().numerator())
                            && r.whole().equals(i.formula().denominator()));
        }
    }
}
