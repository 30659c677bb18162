package io.synergy.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.synergy.testsupport.OpenApiAssertions;

/**
 * What every operation of the registry's OpenAPI document must say: a record's schema for success, a problem for every
 * error. The rules are every service's, in test-support ({@link OpenApiAssertions}); this keeps the registry tests' name
 * for them.
 */
public final class OpenApiOperations {

    private OpenApiOperations() {}

    /**
     * Checks every operation whose path starts with {@code prefix}: a typed 2xx JSON schema (a record's, with more than two
     * properties), {@code application/problem+json} for every 4xx and 5xx, a 400 for every operation but a GET, and 401
     * and 403. Answers how many operations it checked.
     */
    public static int checkTyped(JsonNode doc, String prefix) {
        return OpenApiAssertions.assertEveryOperationIsTyped(doc, prefix);
    }
}
