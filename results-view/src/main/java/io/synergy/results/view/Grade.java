package io.synergy.results.view;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The grade of a synergy degree D (协调等级) in Chinese and English; {@code code} (the grade's constant, e.g.
 * {@code HIGH_QUALITY_COORDINATION}) where an answer names it.
 */
public record Grade(
        String zh,
        String en,
        @JsonInclude(JsonInclude.Include.NON_NULL) String code) {}
