package io.synergy.model.event;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checked-in JSON Schemas of the events ({@code schemas/*.json}), compiled once and used to check records as they
 * arrive: the schema a producer is held to is the one a consumer enforces. Formats ({@code uuid}, {@code date-time}) are
 * asserted, not only annotated. Thread-safe.
 */
public final class EventSchemas {

    /** The schema of {@link IndicatorEvent}. */
    public static final String INDICATOR_EVENT = "indicator-event.v1.json";
    /** The schema of {@link OrgUnitEvent}. */
    public static final String ORG_UNIT_EVENT = "org-unit-event.v1.json";
    /** The schema of {@link ProjectEvent}. */
    public static final String PROJECT_EVENT = "project-event.v1.json";
    /** The schema of {@link PilotEvent}. */
    public static final String PILOT_EVENT = "pilot-event.v1.json";
    /** The schema of {@link TargetEvent}. */
    public static final String TARGET_EVENT = "target-event.v1.json";
    /** The schema of {@link ApprovalEvent}. */
    public static final String APPROVAL_EVENT = "approval-event.v1.json";
    /** The schema of {@link ReminderEvent}. */
    public static final String REMINDER_EVENT = "reminder-event.v1.json";

    private static final EventSchemas SHARED = new EventSchemas();

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true)
                    .locale(Locale.ENGLISH)
                    .build()));
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private EventSchemas() {}

    /** The one instance (the schemas are compiled on first use). */
    public static EventSchemas shared() {
        return SHARED;
    }

    /** Every violation of the schema {@code name} by the JSON text, empty when the text conforms. */
    public List<Error> violations(String name, String json) {
        return schema(name).validate(json, InputFormat.JSON);
    }

    /**
     * The first violation as a {@link Rejection} naming its field ({@code eventId}, {@code flags[1]}), or {@code null}
     * when the text conforms. Violations are listed in schema order, so the answer is stable for the same record.
     */
    public Rejection check(String name, String json) {
        List<Error> errors = violations(name, json);
        if (errors.isEmpty()) {
            return null;
        }
        Error first = errors.get(0);
        return new Rejection(
                Rejection.SCHEMA,
                field(first),
                first.getMessage() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
    }

    /** The field an error is about ({@code flags[1]}), the missing or extra property's name, or {@code null} for the whole. */
    private static String field(Error e) {
        StringBuilder path = new StringBuilder();
        NodePath at = e.getInstanceLocation();
        for (int i = 0; at != null && i < at.getNameCount(); i++) {
            Object element = at.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(element);
            }
        }
        if (("required".equals(e.getKeyword()) || "additionalProperties".equals(e.getKeyword()))
                && e.getProperty() != null) {
            path.append(path.length() == 0 ? "" : ".").append(e.getProperty());
        }
        return path.length() == 0 ? null : path.toString();
    }

    private Schema schema(String name) {
        return compiled.computeIfAbsent(name, n -> {
            try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream("schemas/" + n)) {
                if (in == null) {
                    throw new IllegalArgumentException("no schema schemas/" + n + " on the class path");
                }
                return registry.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
