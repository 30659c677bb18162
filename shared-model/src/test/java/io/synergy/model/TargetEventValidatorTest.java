package io.synergy.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.event.Rejection;
import io.synergy.model.event.TargetEvent;
import io.synergy.model.event.TargetEventValidator;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.target.Allocation;
import io.synergy.model.target.TargetRules;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each fault a record on targets.v1 can have is found, named and given its kind; a good one passes as it is. */
class TargetEventValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final TargetEventValidator VALIDATOR =
            new TargetEventValidator(new TargetRules(Catalogue.load(), OrgUnits.load(), Map.of()));
    private static final String KEY = "T1|370283";

    private static TargetEvent good() {
        return new TargetEvent(
                "T1",
                "370283",
                2,
                2023,
                List.of(
                        new Allocation(
                                LocalDate.parse("2023-03-01"),
                                60,
                                2025,
                                "平政发〔2023〕5号",
                                "planner-1",
                                Instant.parse("2026-11-30T10:00:00Z")),
                        new Allocation(
                                LocalDate.parse("2025-02-01"),
                                65,
                                2025,
                                "平政发〔2025〕2号",
                                "planner-1",
                                Instant.parse("2026-11-30T11:00:00Z"))),
                Instant.parse("2026-11-30T11:00:00Z"),
                "planner-1");
    }

    private static byte[] edited(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode n = JSON.valueToTree(good());
        edit.accept(n);
        return JSON.writeValueAsBytes(n);
    }

    private static Rejection refused(String key, byte[] value) {
        TargetEventValidator.Checked c = VALIDATOR.check(key, value);
        assertThat(c.valid()).as("refused").isFalse();
        assertThat(c.event()).isNull();
        return c.rejection();
    }

    private static Rejection refused(Consumer<ObjectNode> edit) throws Exception {
        return refused(KEY, edited(edit));
    }

    private static ObjectNode allocation(ObjectNode n, int k) {
        return (ObjectNode) ((ArrayNode) n.get("allocations")).get(k);
    }

    @Test
    void aGoodTargetEventPassesAsTheEventItIs() throws Exception {
        TargetEventValidator.Checked c = VALIDATOR.check(KEY, JSON.writeValueAsBytes(good()));
        assertThat(c.valid()).isTrue();
        assertThat(c.event()).isEqualTo(good());
    }

    @Test
    void notJsonATombstoneOrAForeignShapeAreRefused() throws Exception {
        assertThat(refused(KEY, "{\"indicator\":".getBytes(StandardCharsets.UTF_8))
                        .kind())
                .isEqualTo(Rejection.NOT_JSON);
        assertThat(refused(KEY, null).kind()).isEqualTo(Rejection.EMPTY);
        Rejection extra = refused(n -> n.put("value", 70));
        assertThat(extra.kind()).isEqualTo(Rejection.SCHEMA);
        assertThat(refused(n -> n.remove("version")).kind()).isEqualTo(Rejection.SCHEMA);
        assertThat(refused(n -> allocation(n, 0).put("effectiveFrom", "2023-02-30"))
                        .field())
                .isEqualTo("allocations[0].effectiveFrom");
    }

    @Test
    void theKeyMustBeTheEventsOwnAndTheVersionBounded() throws Exception {
        Rejection key = refused("T1|370202", JSON.writeValueAsBytes(good()));
        assertThat(key.kind()).isEqualTo(TargetEventValidator.KEY);
        assertThat(key.message()).contains("T1|370283");
        assertThat(refused(null, JSON.writeValueAsBytes(good())).kind()).isEqualTo(TargetEventValidator.KEY);
        Rejection version = refused(n -> n.put("version", TargetEventValidator.MAX_VERSION + 1));
        assertThat(version.kind()).isEqualTo(TargetEventValidator.VERSION);
        assertThat(version.field()).isEqualTo("version");
    }

    @Test
    void theIndicatorMustHaveATargetAndTheUnitTakeOne() throws Exception {
        Rejection indicator = refused("EM-NOX|370283", edited(n -> n.put("indicator", "EM-NOX")));
        assertThat(indicator.kind()).isEqualTo(TargetEventValidator.INDICATOR);
        assertThat(indicator.field()).isEqualTo("indicator");
        Rejection park = refused("T1|370211P01", edited(n -> n.put("orgUnit", "370211P01")));
        assertThat(park.kind()).isEqualTo(Rejection.SCHEMA);
        Rejection unknown = refused("T1|370299", edited(n -> n.put("orgUnit", "370299")));
        assertThat(unknown.kind()).isEqualTo(TargetEventValidator.ORG_UNIT);
        assertThat(unknown.field()).isEqualTo("orgUnit");
    }

    @Test
    void eachAllocationIsCheckedAndNamedByItsPlace() throws Exception {
        Rejection value = refused(n -> allocation(n, 1).put("value", 120));
        assertThat(value.kind()).isEqualTo(TargetEventValidator.VALUE);
        assertThat(value.field()).isEqualTo("allocations[1].value");
        assertThat(value.message()).contains("0 to 100");
        Rejection year = refused(n -> allocation(n, 0).put("effectiveFrom", "1999-01-01"));
        assertThat(year.kind()).isEqualTo(TargetEventValidator.YEAR);
        assertThat(year.field()).isEqualTo("allocations[0].effectiveFrom");
        Rejection document = refused(n -> allocation(n, 0).put("document", "some memo"));
        assertThat(document.kind()).isEqualTo(TargetEventValidator.DOCUMENT);
        assertThat(document.field()).isEqualTo("allocations[0].document");
        // the registry stores a 文号 with 〔〕; anything else did not come from it
        assertThat(refused(n -> allocation(n, 0).put("document", "平政发[2023]5号")).kind())
                .isEqualTo(TargetEventValidator.DOCUMENT);
        Rejection twice = refused(n -> allocation(n, 1).put("effectiveFrom", "2023-03-01"));
        assertThat(twice.kind()).isEqualTo(TargetEventValidator.EFFECTIVE_FROM);
        assertThat(twice.field()).isEqualTo("allocations[1].effectiveFrom");
        Rejection who = refused(n -> allocation(n, 0).put("setBy", "planner\u0000"));
        assertThat(who.kind()).isEqualTo(TargetEventValidator.TEXT);
        assertThat(who.field()).isEqualTo("allocations[0].setBy");
        assertThat(refused(n -> n.put("changedBy", "x".repeat(201))).field()).isEqualTo("changedBy");
    }
}
