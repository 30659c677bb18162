package io.synergy.aggregation.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A posted library is read strictly, and a fault names its field. */
class FactorLibraryParserTest {

    private static FactorLibraryDocument json(String s) {
        return FactorLibraryParser.parse(s.getBytes(StandardCharsets.UTF_8), false);
    }

    private static FactorLibraryDocument yaml(String s) {
        return FactorLibraryParser.parse(s.getBytes(StandardCharsets.UTF_8), true);
    }

    private static FieldError fault(Runnable r) {
        try {
            r.run();
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.errors().get(0);
        }
        throw new AssertionError("accepted");
    }

    @Test
    void readsJsonAndYamlAlike() {
        FactorLibraryDocument j = json("""
                {"description": "d", "ncv": [{"fuel": "coke", "value": 28.435, "unit": "GJ/t", "source": "s", "validFrom": 2005}],
                 "factors": [{"gas": "CO2", "activity": "coke", "factor": 107000, "unit": "kg/TJ", "source": "s", "validFrom": 2005}]}""");
        FactorLibraryDocument y = yaml("""
                description: d
                ncv:
                  - {fuel: coke, value: 28.435, unit: GJ/t, source: s, validFrom: 2005}
                factors:
                  - {gas: CO2, activity: coke, factor: 107000, unit: kg/TJ, source: s, validFrom: 2005}
                """);
        assertThat(y.toDraft()).isEqualTo(j.toDraft());
        assertThat(j.toDraft().factors().get(0).example()).isFalse();
    }

    @Test
    void theReadOnlyFieldsOfAListedVersionAreIgnored() {
        FactorLibraryDocument d = json("""
                {"version": 7, "createdAt": "2026-01-01T00:00:00Z", "createdBy": "someone", "previousVersion": 6, "usesExampleFactors": true,
                 "description": "d", "ncv": [], "factors": []}""");
        assertThat(d.version()).isNull();
        assertThat(d.createdBy()).isNull();
    }

    @Test
    void refusesWhatCouldSilentlyDropAFactor() {
        assertThat(fault(() -> json("{\"description\": \"d\", \"factors\": [{\"gas\": \"CO2\", \"factr\": 1}]}"))
                        .field())
                .isEqualTo("factors[0].factr");
        assertThat(fault(() -> json(
                                "{\"description\": \"d\", \"factors\": [{\"gas\": \"CO2\", \"factor\": \"94600\"}]}"))
                        .field())
                .isEqualTo("factors[0].factor");
        assertThat(fault(() -> json("{\"description\": \"d\", \"factors\": [{\"validFrom\": 2020.5}]}"))
                        .field())
                .isEqualTo("factors[0].validFrom");
        FieldError duplicate =
                fault(() -> json("{\"description\": \"d\", \"factors\": [{\"gas\": \"CO2\", \"gas\": \"CH4\"}]}"));
        assertThat(duplicate.field()).isEqualTo("factors[0]");
        assertThat(duplicate.message()).contains("Duplicate field 'gas'");
        assertThat(fault(() -> yaml("description: d\nfactors:\n  - {gas: CO2, gas: CH4}\n"))
                        .message())
                .contains("Duplicate field 'gas'");
        assertThat(fault(() -> json("{\"description\": \"d\", \"factors\": [null]}"))
                        .field())
                .isEqualTo("factors[0]");
        assertThat(fault(() -> json("{\"description\": \"d\"} trailing")).field())
                .isEqualTo("body");
        assertThat(fault(() -> json("")).field()).isEqualTo("body");
        assertThatThrownBy(() -> json("{not json")).isInstanceOf(ProblemException.class);
    }
}
