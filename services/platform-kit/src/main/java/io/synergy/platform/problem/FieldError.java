package io.synergy.platform.problem;

/**
 * One fault in a request, named by the JSON path of the field ({@code values[2].value}, {@code [3].orgUnit}) or by
 * the CSV cell ({@code line 4: value}).
 */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
