package io.synergy.sector.security;

import java.util.Set;

/**
 * Who submits reports and where they may write: the token's subject, and the districts of its {@code districts}
 * claim ({@code null}: every district of the city).
 */
public record Writer(String name, Set<String> districts) {

    public boolean mayWrite(String district) {
        return districts == null || districts.contains(district);
    }
}
