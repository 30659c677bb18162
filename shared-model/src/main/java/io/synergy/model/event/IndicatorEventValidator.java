package io.synergy.model.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.period.Period;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks one record of an {@code indicators.<sector>.v1} topic before anything of it is stored: UTF-8 JSON, the event's
 * JSON Schema ({@code schemas/indicator-event.v1.json}), then what a schema cannot know — the sector is the topic's, the
 * code is one the sector publishes (catalogue), the org unit is a district or a registered enterprise, the year is one
 * the platform covers, the numbers are finite, the revision is within bounds, the texts can be stored. Anyone who can
 * write to the broker can write these topics: a record that passes here can be stored as it is.
 */
public final class IndicatorEventValidator {

    /** Fault kinds beyond {@link Rejection}'s own (metric tags, docs/operations.md). */
    public static final String TOPIC = "topic";

    public static final String EVENT_ID = "event-id";
    public static final String SECTOR = "sector";
    public static final String CODE = "code";
    public static final String ORG_UNIT = "org-unit";
    public static final String PERIOD = "period";
    public static final String NUMBER = "number";
    public static final String REVISION = "revision";
    public static final String TEXT = "text";

    /**
     * The highest revision accepted. A revision counts the recomputations of one (code, org unit, year); a higher one
     * wins for good, so a forged huge revision would freeze a fact against every later correction.
     */
    public static final long MAX_REVISION = 1_000_000;
    /** Longest {@code unit} and {@code reportId} stored (report ids are at most 200 characters at the sector services). */
    public static final int MAX_TEXT = 200;

    /** The canonical 8-4-4-4-12 form ({@code UUID.fromString} also takes {@code 1-1-1-1-1}). */
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** PostgreSQL text cannot hold NUL; other control characters have no business in a unit or an id either. */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** A schema fault in one of these fields is counted under the field's own kind. */
    private static final Map<String, String> KIND_OF_FIELD = Map.of(
            "eventId",
            EVENT_ID,
            "sector",
            SECTOR,
            "code",
            CODE,
            "orgUnit",
            ORG_UNIT,
            "period",
            PERIOD,
            "value",
            NUMBER,
            "numerator",
            NUMBER,
            "denominator",
            NUMBER,
            "revision",
            REVISION,
            "unit",
            TEXT);

    private final ObjectMapper json;
    private final EventSchemas schemas;
    private final Map<Sector, Set<String>> indicators = new EnumMap<>(Sector.class);
    private final Map<Sector, Set<String>> dataElements = new EnumMap<>(Sector.class);

    /** What a check found: the event (when it could be read), and why it was refused ({@code null} when valid). */
    public record Checked(IndicatorEvent event, Rejection rejection) {

        public boolean valid() {
            return rejection == null;
        }
    }

    public IndicatorEventValidator(Catalogue catalogue) {
        this.json = strictReader();
        this.schemas = EventSchemas.shared();
        for (Sector s : Sector.values()) {
            indicators.put(
                    s,
                    catalogue.sectorIndicators(s).stream().map(Indicator::id).collect(Collectors.toUnmodifiableSet()));
            dataElements.put(
                    s,
                    catalogue.publishedDataElements(s).stream()
                            .map(DataElement::code)
                            .collect(Collectors.toUnmodifiableSet()));
        }
    }

    /** A reader that refuses what a lenient one would guess at: duplicate keys, trailing content. */
    static ObjectMapper strictReader() {
        ObjectMapper m = new ObjectMapper().registerModule(new JavaTimeModule());
        m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return m;
    }

    /**
     * Checks a record's value as it came off {@code topic}.
     *
     * @param units the org units as this service knows them now
     */
    public Checked check(String topic, byte[] value, OrgUnits units) {
        Sector sector = Topics.sectorOfIndicators(topic).orElse(null);
        if (sector == null) {
            return refused(TOPIC, null, "'" + topic + "' is not an indicator topic of the platform");
        }
        Parsed parsed = parse(value);
        if (parsed.rejection() != null) {
            return new Checked(null, parsed.rejection());
        }
        Rejection schema = schemas.check(EventSchemas.INDICATOR_EVENT, parsed.text());
        if (schema != null) {
            return new Checked(
                    null,
                    new Rejection(
                            schema.field() == null
                                    ? Rejection.SCHEMA
                                    : KIND_OF_FIELD.getOrDefault(schema.field(), Rejection.SCHEMA),
                            schema.field(),
                            schema.message()));
        }
        JsonNode revision = parsed.tree().get("revision");
        if (!revision.canConvertToLong() || revision.asLong() > MAX_REVISION) {
            return refused(REVISION, "revision", abbreviate(revision.asText()) + " is above " + MAX_REVISION);
        }
        IndicatorEvent e;
        try {
            e = json.treeToValue(parsed.tree(), IndicatorEvent.class);
        } catch (Exception ex) {
            return refused(Rejection.SCHEMA, null, "does not map to an indicator event: " + ex.getMessage());
        }
        return new Checked(e, semantics(sector, e, units));
    }

    private Rejection semantics(Sector sector, IndicatorEvent e, OrgUnits units) {
        if (!UUID_TEXT.matcher(e.eventId()).matches()) {
            return new Rejection(EVENT_ID, "eventId", "'" + abbreviate(e.eventId()) + "' is not a UUID");
        }
        if (!sector.code().equals(e.sector())) {
            return new Rejection(
                    SECTOR,
                    "sector",
                    "'" + e.sector() + "' on " + Topics.indicators(sector) + ", which carries " + sector.code()
                            + " events only");
        }
        Set<String> codes = (e.kind() == EventKind.INDICATOR ? indicators : dataElements).get(sector);
        if (!codes.contains(e.code())) {
            return new Rejection(
                    CODE,
                    "code",
                    "'" + abbreviate(e.code()) + "' is not "
                            + (e.kind() == EventKind.INDICATOR ? "an indicator" : "a published data element")
                            + " of the " + sector.code() + " sector");
        }
        OrgUnit unit = units.find(e.orgUnit()).orElse(null);
        if (unit == null || (unit.level() != OrgUnitLevel.DISTRICT && unit.level() != OrgUnitLevel.ENTERPRISE)) {
            return new Rejection(
                    ORG_UNIT,
                    "orgUnit",
                    "'" + e.orgUnit() + "' is "
                            + (unit == null
                                    ? "neither a district of " + units.city().code() + " nor a registered enterprise"
                                    : "a " + unit.level().name().toLowerCase()
                                            + "; events are per district or enterprise"));
        }
        int year = Integer.parseInt(e.period());
        int latest = Year.now(ZONE).getValue();
        if (year < Period.MIN_YEAR || year > latest) {
            return new Rejection(PERIOD, "period", "year " + year + " is outside " + Period.MIN_YEAR + "–" + latest);
        }
        Rejection number = finite("value", e.value());
        number = number != null ? number : finite("numerator", e.numerator());
        number = number != null ? number : finite("denominator", e.denominator());
        if (number != null) {
            return number;
        }
        Rejection text = text("unit", e.unit());
        return text != null ? text : text("reportId", e.reportId());
    }

    private static Rejection finite(String field, Double v) {
        return v == null || Double.isFinite(v)
                ? null
                : new Rejection(NUMBER, field, "must be a finite number, not " + v);
    }

    private static Rejection text(String field, String v) {
        if (v == null) {
            return null;
        }
        if (v.length() > MAX_TEXT) {
            return new Rejection(TEXT, field, "longer than " + MAX_TEXT + " characters");
        }
        return CONTROL.matcher(v).find() ? new Rejection(TEXT, field, "contains a control character") : null;
    }

    /** The value as text and as a tree, or why it is neither. */
    record Parsed(String text, JsonNode tree, Rejection rejection) {}

    /** Strict UTF-8 (a bad byte is a fault, not U+FFFD), then strict JSON. */
    Parsed parse(byte[] value) {
        return parse(value, json);
    }

    static Parsed parse(byte[] value, ObjectMapper reader) {
        if (value == null) {
            return new Parsed(null, null, new Rejection(Rejection.EMPTY, null, "the record has no value"));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            return new Parsed(null, null, new Rejection(Rejection.NOT_JSON, null, "not UTF-8 text"));
        }
        try {
            JsonNode tree = reader.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                return new Parsed(null, null, new Rejection(Rejection.NOT_JSON, null, "empty"));
            }
            return new Parsed(text, tree, null);
        } catch (Exception e) {
            String m = e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("");
            return new Parsed(null, null, new Rejection(Rejection.NOT_JSON, null, "not JSON: " + abbreviate(m)));
        }
    }

    private static Checked refused(String kind, String field, String message) {
        return new Checked(null, new Rejection(kind, field, message));
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
