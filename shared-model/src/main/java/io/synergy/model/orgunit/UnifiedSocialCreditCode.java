package io.synergy.model.orgunit;

import java.util.Optional;

/**
 * The 18-character unified social credit code (统一社会信用代码, GB 32100-2015) that identifies an enterprise:
 * registration authority (1), organisation category (1), administrative division (6 digits, GB/T 2260), organisation
 * code (9) and a check character computed modulo 31 over the other 17.
 */
public final class UnifiedSocialCreditCode {

    /** The code's alphabet: digits and capital letters without I, O, S, V, Z (which look like digits). */
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private UnifiedSocialCreditCode() {}

    public static boolean isValid(String code) {
        return problem(code).isEmpty();
    }

    /** What is wrong with the code, in words fit for an API error; empty when it is valid. */
    public static Optional<String> problem(String code) {
        if (code == null || code.length() != 18) {
            return Optional.of("a unified social credit code has 18 characters");
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return Optional.of("character " + (i + 1) + " ('" + code.charAt(i)
                        + "') is not allowed (digits and A–Y without I, O, S, V, Z)");
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return Optional.of("characters 3–8 must be the 6-digit administrative division code");
            }
        }
        char expected = checkCharacter(code.substring(0, 17));
        if (code.charAt(17) != expected) {
            return Optional.of("the check character is '" + code.charAt(17) + "', expected '" + expected + "'");
        }
        return Optional.empty();
    }

    /** The 18th character for the first 17: 31 − (Σ value × weight mod 31), 31 written as 0. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return ALPHABET.charAt(c == 31 ? 0 : c);
    }
}
