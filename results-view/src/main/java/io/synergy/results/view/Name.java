package io.synergy.results.view;

import io.synergy.model.orgunit.OrgUnit;

/** A name in Chinese and English, as every answer gives it ({@code "name": {"zh": "市南区", "en": "Shinan"}}). */
public record Name(String zh, String en) {

    public static Name of(OrgUnit unit) {
        return new Name(unit.zh(), unit.en());
    }
}
