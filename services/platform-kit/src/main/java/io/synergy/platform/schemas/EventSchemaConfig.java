package io.synergy.platform.schemas;

import io.smallrye.config.ConfigMapping;
import java.net.URI;

/** Where the event schemas a service publishes are served ({@link EventSchemaResource}), as its consumers reach it. */
@ConfigMapping(prefix = "synergy.events")
public interface EventSchemaConfig {

    /**
     * The URL under which {@code /schemas/<name>.json} is reachable: an event's {@code ce_dataschema} is this base followed by
     * the schema's path. Default: the service itself on its HTTP port ({@code http://127.0.0.1:<port>}); a deployment sets
     * the address its consumers use (the chart: the service's in-cluster URL).
     */
    String schemaBase();

    /** The absolute URI of a schema path such as {@code /schemas/result.v1.json}; an absolute value is kept as it is. */
    default URI absolute(String schemaPath) {
        if (schemaPath == null) {
            return null;
        }
        URI uri = URI.create(schemaPath);
        if (uri.isAbsolute()) {
            return uri;
        }
        String base = schemaBase().endsWith("/")
                ? schemaBase().substring(0, schemaBase().length() - 1)
                : schemaBase();
        return URI.create(base + (schemaPath.startsWith("/") ? schemaPath : "/" + schemaPath));
    }
}
