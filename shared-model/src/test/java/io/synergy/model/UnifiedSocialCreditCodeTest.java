package io.synergy.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.model.orgunit.IndustryClassification;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnifiedSocialCreditCodeTest {

    @ParameterizedTest
    // published codes (public registrations) and the standard's own example
    @ValueSource(strings = {"91350100M000100Y43", "91110000802100433B", "91370200163562681G"})
    void acceptsValidCodes(String code) {
        assertThat(UnifiedSocialCreditCode.problem(code)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "91350100M000100Y44, check character",
        "91350100M000100Y4, 18 characters",
        "91350100M000100YI3, not allowed",
        "913501A0M000100Y43, division",
        "'', 18 characters"
    })
    void refusesInvalidCodesSayingWhy(String code, String reason) {
        assertThat(UnifiedSocialCreditCode.problem(code)).get().asString().contains(reason);
    }

    @Test
    void theCheckCharacterIsModulo31() {
        assertThat(UnifiedSocialCreditCode.checkCharacter("91350100M000100Y4")).isEqualTo('3');
        for (String first17 : new String[] {"91370211MA3C00001", "92370202L12345678", "12370200000000000"}) {
            char c = UnifiedSocialCreditCode.checkCharacter(first17);
            assertThat(UnifiedSocialCreditCode.isValid(first17 + c)).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "C, 26, true",
        "C, 13, true",
        "C, 44, false",
        "D, 44, true",
        "A, 1, false",
        "Z, 01, false",
        "K, 70, true"
    })
    void industryDivisionsBelongToTheirSection(String section, String division, boolean valid) {
        assertThat(IndustryClassification.problem(section, division).isEmpty()).isEqualTo(valid);
    }
}
