package io.synergy.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.event.EventKind;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.event.IndicatorEventValidator;
import io.synergy.model.event.OrgUnitEvent;
import io.synergy.model.event.OrgUnitEventValidator;
import io.synergy.model.event.Rejection;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each fault a record on an indicator topic or on org-units.v1 can have is found, named and given its kind. */
class EventValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final IndicatorEventValidator INDICATORS = new IndicatorEventValidator(Catalogue.load());
    private static final OrgUnitEventValidator ORG_UNITS = new OrgUnitEventValidator();
    private static final String ENTERPRISE = "91350100M000100Y43";

    private final OrgUnits units = OrgUnits.load();

    private static IndicatorEvent good() {
        return new IndicatorEvent(
                UUID.randomUUID().toString(),
                "energy",
                EventKind.INDICATOR,
                "E1",
                "370202",
                "2024",
                14.44,
                180.5,
                1250.0,
                "%",
                3,
                true,
                "qd-energy-stats/2024/370202/1",
                Instant.parse("2024-05-01T08:00:00Z"));
    }

    private static byte[] bytes(Object o) throws Exception {
        return JSON.writeValueAsBytes(o);
    }

    private static byte[] edited(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode n = JSON.valueToTree(good());
        edit.accept(n);
        return JSON.writeValueAsBytes(n);
    }

    private Rejection indicator(byte[] value) {
        IndicatorEventValidator.Checked c = INDICATORS.check("indicators.energy.v1", value, units);
        assertThat(c.valid()).as("refused").isFalse();
        return c.rejection();
    }

    @Test
    void aGoodIndicatorEventPassesAsTheEventItIs() throws Exception {
        IndicatorEvent e = good();
        IndicatorEventValidator.Checked c = INDICATORS.check("indicators.energy.v1", bytes(e), units);
        assertThat(c.rejection()).isNull();
        assertThat(c.event()).isEqualTo(e);
        IndicatorEvent element = new IndicatorEvent(
                UUID.randomUUID().toString(),
                "energy",
                EventKind.DATA_ELEMENT,
                "energy.emissions.co2",
                "370202",
                "2024",
                null,
                null,
                null,
                "t",
                1,
                false,
                null,
                Instant.now());
        assertThat(INDICATORS
                        .check("indicators.energy.v1", bytes(element), units)
                        .rejection())
                .isNull();
    }

    @Test
    void everyKindOfFaultIsNamed() throws Exception {
        assertThat(indicator(edited(n -> n.put("eventId", "not-a-uuid"))))
                .extracting(Rejection::kind, Rejection::field)
                .containsExactly("event-id", "eventId");
        assertThat(indicator(edited(n -> n.put("eventId", "1-1-1-1-1"))))
                .extracting(Rejection::kind)
                .isEqualTo("event-id");
        assertThat(indicator(edited(n -> n.put("sector", "transport"))))
                .extracting(Rejection::kind, Rejection::field)
                .containsExactly("sector", "sector");
        assertThat(indicator(edited(n -> n.put("sector", "nuclear"))))
                .extracting(Rejection::kind)
                .isEqualTo("sector");
        assertThat(indicator(edited(n -> n.put("code", "T1"))))
                .extracting(Rejection::kind, Rejection::field)
                .containsExactly("code", "code");
        assertThat(indicator(edited(n -> n.put("kind", "DATA_ELEMENT"))))
                .extracting(Rejection::kind)
                .isEqualTo("code");
        assertThat(indicator(edited(n -> n.put("orgUnit", "370299"))))
                .extracting(Rejection::kind, Rejection::field)
                .containsExactly("org-unit", "orgUnit");
        assertThat(indicator(edited(n -> n.put("orgUnit", "370200"))).message()).contains("city");
        assertThat(indicator(edited(n -> n.put("orgUnit", ENTERPRISE))))
                .extracting(Rejection::kind)
                .isEqualTo("org-unit");
        assertThat(indicator(edited(n -> n.put("period", "2024Q3"))))
                .extracting(Rejection::kind, Rejection::field)
                .containsExactly("period", "period");
        assertThat(indicator(edited(n -> n.put("period", "1900"))))
                .extracting(Rejection::kind)
                .isEqualTo("period");
        assertThat(indicator(edited(n -> n.put("period", "2999"))))
                .extracting(Rejection::kind)
                .isEqualTo("period");
        assertThat(indicator(edited(n -> n.put("revision", 0))))
                .extracting(Rejection::kind, Rejection::field)
                .containsExactly("revision", "revision");
        assertThat(indicator(edited(n -> n.put("revision", -4))))
                .extracting(Rejection::kind)
                .isEqualTo("revision");
        assertThat(indicator(edited(n -> n.put("revision", 9_000_000_000_000L))))
                .extracting(Rejection::kind)
                .isEqualTo("revision");
        assertThat(indicator(edited(n -> n.put("revision", new BigInteger("900000000000000000000000000")))))
                .extracting(Rejection::kind)
                .isEqualTo("revision");
        assertThat(indicator(edited(n -> n.put("unit", "t\u0000"))))
                .extracting(Rejection::kind, Rejection::field)
                .containsExactly("text", "unit");
        assertThat(indicator(edited(n -> n.put("reportId", "r".repeat(201)))))
                .extracting(Rejection::field)
                .isEqualTo("reportId");
        assertThat(indicator(edited(n -> n.remove("computedAt"))))
                .extracting(Rejection::kind, Rejection::field)
                .containsExactly("schema", "computedAt");
        assertThat(indicator(edited(n -> n.put("computedAt", "yesterday"))))
                .extracting(Rejection::field)
                .isEqualTo("computedAt");
        assertThat(indicator(edited(n -> n.put("extra", 1))))
                .extracting(Rejection::kind)
                .isEqualTo("schema");
    }

    @Test
    void nonFiniteNumbersAreRefused() throws Exception {
        String text =
                new String(bytes(good()), StandardCharsets.UTF_8).replace("\"numerator\":180.5", "\"numerator\":1e400");
        assertThat(indicator(text.getBytes(StandardCharsets.UTF_8)))
                .extracting(Rejection::kind, Rejection::field)
                .containsExactly("number", "numerator");
    }

    @Test
    void whatIsNotJsonIsRefusedAsSuch() throws Exception {
        assertThat(indicator("E1 2024 14.4".getBytes(StandardCharsets.UTF_8)).kind())
                .isEqualTo("not-json");
        assertThat(indicator(new byte[] {(byte) 0xC3, (byte) 0x28}).kind()).isEqualTo("not-json");
        assertThat(indicator(null).kind()).isEqualTo("empty");
        assertThat(indicator(new byte[0]).kind()).isEqualTo("not-json");
        String twice = new String(bytes(good()), StandardCharsets.UTF_8)
                .replace("{\"eventId\"", "{\"eventId\":\"x\",\"eventId\"");
        assertThat(indicator(twice.getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo("not-json");
        assertThat(indicator((new String(bytes(good()), StandardCharsets.UTF_8) + " {}")
                                .getBytes(StandardCharsets.UTF_8))
                        .kind())
                .isEqualTo("not-json");
        assertThat(indicator("[1,2]".getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo("schema");
        assertThat(INDICATORS
                        .check("feeds.energy.v1", bytes(good()), units)
                        .rejection()
                        .kind())
                .isEqualTo("topic");
    }

    private static OrgUnitEvent park(String code, String parent, long version) {
        return new OrgUnitEvent(
                code,
                OrgUnitLevel.PARK,
                "董家口经济区",
                "Dongjiakou",
                parent,
                null,
                null,
                Set.of(),
                false,
                version,
                Instant.now(),
                "import");
    }

    private static OrgUnitEvent enterprise(String code, String parent) {
        return new OrgUnitEvent(
                code,
                OrgUnitLevel.ENTERPRISE,
                "青岛示例化工有限公司",
                "Qingdao Example Chemicals",
                parent,
                "C",
                "26",
                Set.of("CARBON_MARKET"),
                false,
                1,
                Instant.now(),
                "ops-li");
    }

    private OrgUnitEventValidator.Checked orgUnit(String key, Object event) throws Exception {
        return ORG_UNITS.check(key, bytes(event), units);
    }

    @Test
    void orgUnitEventsFollowTheRegistrysRules() throws Exception {
        assertThat(orgUnit("370211P01", park("370211P01", "370211", 1)).rejection())
                .isNull();
        OrgUnits withPark = units.withUnit(park("370211P01", "370211", 1).toOrgUnit());
        assertThat(ORG_UNITS
                        .check(ENTERPRISE, bytes(enterprise(ENTERPRISE, "370211P01")), withPark)
                        .rejection())
                .isNull();

        OrgUnitEventValidator.Checked early = orgUnit(ENTERPRISE, enterprise(ENTERPRISE, "370211P01"));
        assertThat(early.rejection().kind()).isEqualTo("parent");
        assertThat(early.parentUnknown()).isTrue();
        assertThat(orgUnit("370211P01", park("370211P01", "370299", 1)).parentUnknown())
                .isTrue();

        assertThat(orgUnit("370211P02", park("370211P01", "370211", 1)).rejection())
                .extracting(Rejection::kind)
                .isEqualTo("key");
        assertThat(orgUnit(null, park("370211P01", "370211", 1)).rejection())
                .extracting(Rejection::kind)
                .isEqualTo("key");
        assertThat(orgUnit("370211P01", park("370211P01", "370200", 1)).rejection())
                .extracting(Rejection::kind)
                .isEqualTo("parent");
        assertThat(orgUnit("370211P01", park("370211P01", "370211", 1)).parentUnknown())
                .isFalse();
        assertThat(orgUnit("370212P01", park("370212P01", "370211", 1)).rejection())
                .extracting(Rejection::kind)
                .isEqualTo("code");
        assertThat(orgUnit("370211P01", park("370211P01", "370211", 0)).rejection())
                .extracting(Rejection::kind, Rejection::field)
                .containsExactly("schema", "version");
        assertThat(orgUnit("370211P01", park("370211P01", "370211", 50_000_000)).rejection())
                .extracting(Rejection::kind)
                .isEqualTo("version");
        String forged = ENTERPRISE.substring(0, 17) + (ENTERPRISE.charAt(17) == '3' ? '4' : '3');
        assertThat(orgUnit(forged, enterprise(forged, "370211")).rejection())
                .extracting(Rejection::kind)
                .isEqualTo("code");
        OrgUnitEvent unclassified = new OrgUnitEvent(
                ENTERPRISE,
                OrgUnitLevel.ENTERPRISE,
                "x",
                "x",
                "370211",
                "C",
                "01",
                Set.of(),
                false,
                1,
                Instant.now(),
                "x");
        assertThat(orgUnit(ENTERPRISE, unclassified).rejection())
                .extracting(Rejection::kind)
                .isEqualTo("industry");
        OrgUnitEvent asPark = new OrgUnitEvent(
                "370211P01",
                OrgUnitLevel.ENTERPRISE,
                "x",
                "x",
                "370211",
                "C",
                "26",
                Set.of(),
                false,
                2,
                Instant.now(),
                "x");
        assertThat(ORG_UNITS
                        .check("370211P01", bytes(asPark), withPark)
                        .rejection()
                        .kind())
                .isIn("code", "level");
        assertThat(ORG_UNITS
                        .check("370211P01", "{".getBytes(StandardCharsets.UTF_8), units)
                        .rejection()
                        .kind())
                .isEqualTo("not-json");
    }
}
