package io.synergy.method.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.method.results.FactColumns.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The columns answer every key as the facts written to them say, whatever their kind, the span of years (a block packs 21
 * years' flags per long) and the order of the versions that wrote them; an earlier version stays as it was.
 */
class FactColumnsTest {

    private static final Map<String, Kind> KINDS = Map.of("V", Kind.VALUE, "T", Kind.TOTAL, "R", Kind.RATIO);

    @Test
    void everyVersionAnswersAsItsFactsSayAcrossYearsThatWidenTheSpan() {
        Random random = new Random(19);
        Map<String, Fact> expected = new LinkedHashMap<>();
        List<Fact> first = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            first.add(fact(random, 2015 + random.nextInt(10)));
        }
        first.forEach(f -> expected.put(key(f), f));
        FactColumns columns = FactColumns.of(first, KINDS::get);
        assertAnswers(columns, expected);
        List<FactColumns> versions = new ArrayList<>(List.of(columns));
        List<Map<String, Fact>> expectedAt = new ArrayList<>(List.of(new LinkedHashMap<>(expected)));
        // later years, then earlier ones: each widens the span and lays every block out anew, past 21 and 42 years
        for (int year : new int[] {2026, 2040, 1990, 2020, 2060}) {
            List<Fact> changed = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                changed.add(fact(random, i % 3 == 0 ? year : 2015 + random.nextInt(10)));
            }
            columns = columns.with(changed);
            changed.forEach(f -> expected.put(key(f), f));
            assertAnswers(columns, expected);
            versions.add(columns);
            expectedAt.add(new LinkedHashMap<>(expected));
        }
        for (int v = 0; v < versions.size(); v++) {
            assertAnswers(versions.get(v), expectedAt.get(v));
        }
        assertThat(columns.years()).contains(1990, 2015, 2024, 2026, 2040, 2060);
        assertThat(columns.get("V", "U0", 2000)).isNull();
        assertThat(columns.get("V", "nobody", 2020)).isNull();
    }

    @Test
    void anIndexFoundInALaterVersionReadsNothingInAnEarlierOne() {
        Fact first = new Fact("V", "U1", 2020, 1.5, null, null, true);
        Fact later = new Fact("T", "U2", 2020, 4.0, 3.0, null, false);
        FactColumns before = FactColumns.of(List.of(first), KINDS::get);
        assertThat(before.unit("U2")).as("no fact of U2 yet").isEqualTo(-1);
        assertThat(before.column("T")).isEqualTo(-1);
        FactColumns after = before.with(List.of(later));

        double[] numbers = new double[3];
        int flags = after.read(after.column("T"), after.unit("U2"), 2020, numbers);
        assertThat(flags & FactColumns.HAS_VALUE).isNotZero();
        assertThat(flags & FactColumns.WHOLE_YEAR).isZero();
        assertThat(numbers[0]).isEqualTo(4.0);
        assertThat(numbers[1]).isEqualTo(3.0);
        assertThat(before.read(after.column("V"), after.unit("U2"), 2020, numbers))
                .as("the earlier version has no block for the unit added after it")
                .isEqualTo(FactColumns.ABSENT);
        assertThat(after.read(-1, after.unit("U1"), 2020, numbers)).isEqualTo(FactColumns.ABSENT);
        assertThat(after.read(after.column("V"), -1, 2020, numbers)).isEqualTo(FactColumns.ABSENT);
        assertThat(after.read(after.column("V"), after.unit("U1"), 2031, numbers))
                .isEqualTo(FactColumns.ABSENT);
        assertThat(after.read(after.column("V"), after.unit("U1"), 2020, numbers))
                .isNotEqualTo(FactColumns.ABSENT);
        assertThat(numbers[0]).isEqualTo(1.5);
    }

    private static void assertAnswers(FactColumns columns, Map<String, Fact> expected) {
        for (Fact f : expected.values()) {
            Kind kind = KINDS.get(f.code());
            Fact read = columns.get(f.code(), f.orgUnit(), f.year());
            assertThat(read)
                    .as(key(f))
                    .isEqualTo(new Fact(
                            f.code(),
                            f.orgUnit(),
                            f.year(),
                            f.value(),
                            kind.width > 1 ? f.numerator() : null,
                            kind.width > 2 ? f.denominator() : null,
                            f.complete()));
            double[] numbers = new double[3];
            int flags = columns.read(f.code(), f.orgUnit(), f.year(), numbers);
            assertThat(flags).isNotEqualTo(FactColumns.ABSENT);
            assertThat((flags & FactColumns.HAS_VALUE) != 0).isEqualTo(f.value() != null);
            assertThat((flags & FactColumns.WHOLE_YEAR) != 0).isEqualTo(f.complete());
        }
    }

    private static Fact fact(Random random, int year) {
        String code = List.of("V", "T", "R").get(random.nextInt(3));
        return new Fact(
                code,
                "U" + random.nextInt(300),
                year,
                random.nextInt(5) == 0 ? null : random.nextInt(1000) / 8.0,
                random.nextInt(5) == 0 ? null : -random.nextInt(100) / 4.0,
                random.nextInt(5) == 0 ? null : random.nextInt(100) + 0.5,
                random.nextBoolean());
    }

    private static String key(Fact f) {
        return f.code() + "|" + f.orgUnit() + "|" + f.year();
    }
}
