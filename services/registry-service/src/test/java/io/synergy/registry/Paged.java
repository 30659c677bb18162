package io.synergy.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Following the registry's paged lists. */
public final class Paged {

    private Paged() {}

    /** The URL of the next page in a {@code Link} header, {@code null} without one. */
    public static String nextLink(String link) {
        if (link == null) {
            return null;
        }
        Matcher m = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"").matcher(link);
        assertThat(m.find()).as(link).isTrue();
        return m.group(1);
    }
}
