package io.synergy.method.inventory;

/** One fault of a factor library, named by its path in the posted document ({@code factors[3].unit}). */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
