package io.synergy.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem details document ({@code application/problem+json}), with the field errors of a rejected
 * request so that a client learns every fault at once.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Problem types are documented in docs/api.md under these anchors. */
    public static String type(String slug) {
        return "https://synergy.qingdao/problems/" + slug;
    }
}
