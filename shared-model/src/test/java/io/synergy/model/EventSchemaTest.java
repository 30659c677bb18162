package io.synergy.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.Error;
import io.synergy.model.approval.ApprovalAction;
import io.synergy.model.approval.ApprovalState;
import io.synergy.model.deadline.DeadlineStatus;
import io.synergy.model.event.ApprovalEvent;
import io.synergy.model.event.EventKind;
import io.synergy.model.event.EventSchemas;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.event.PilotEvent;
import io.synergy.model.event.ProjectEvent;
import io.synergy.model.event.ReminderEvent;
import io.synergy.model.project.DesignationLevel;
import io.synergy.model.project.PilotStatus;
import io.synergy.model.project.ProjectStatus;
import io.synergy.model.project.Substance;
import io.synergy.model.report.Report;
import io.synergy.model.report.ReportValue;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Java types and the checked-in JSON Schemas must describe the same documents. */
class EventSchemaTest {

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JsonNode schemaNode(String name) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemas/" + name)) {
            return json.readTree(in);
        }
    }

    private List<Error> validate(String schemaName, Object value) throws Exception {
        return EventSchemas.shared().violations(schemaName, json.writeValueAsString(value));
    }

    private static Set<String> components(Class<? extends Record> type) {
        return new TreeSet<>(Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .toList());
    }

    private static Set<String> names(JsonNode node) {
        Set<String> s = new TreeSet<>();
        node.fieldNames().forEachRemaining(s::add);
        return s;
    }

    @Test
    void indicatorEventSerialisesToItsSchema() throws Exception {
        IndicatorEvent e = new IndicatorEvent(
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
        assertThat(validate("indicator-event.v1.json", e)).isEmpty();

        IndicatorEvent withoutValue = new IndicatorEvent(
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
        assertThat(validate("indicator-event.v1.json", withoutValue)).isEmpty();
    }

    @Test
    void indicatorEventSchemaNamesExactlyTheRecordComponents() throws Exception {
        JsonNode schema = schemaNode("indicator-event.v1.json");
        assertThat(names(schema.path("properties"))).isEqualTo(components(IndicatorEvent.class));
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        assertThat(required).isEqualTo(components(IndicatorEvent.class));
    }

    @Test
    void schemaRejectsWhatTheTypeCannotMean() throws Exception {
        IndicatorEvent badPeriod = new IndicatorEvent(
                UUID.randomUUID().toString(),
                "energy",
                EventKind.INDICATOR,
                "E1",
                "370202",
                "2024Q3",
                1.0,
                1.0,
                1.0,
                "%",
                1,
                true,
                "r",
                Instant.now());
        assertThat(validate("indicator-event.v1.json", badPeriod)).isNotEmpty();
        IndicatorEvent badRevision = new IndicatorEvent(
                UUID.randomUUID().toString(),
                "energy",
                EventKind.INDICATOR,
                "E1",
                "370202",
                "2024",
                1.0,
                1.0,
                1.0,
                "%",
                0,
                true,
                "r",
                Instant.now());
        assertThat(validate("indicator-event.v1.json", badRevision)).isNotEmpty();
    }

    @Test
    void orgUnitEventSerialisesToItsSchemaAndNamesExactlyItsComponents() throws Exception {
        io.synergy.model.event.OrgUnitEvent e = new io.synergy.model.event.OrgUnitEvent(
                "91350100M000100Y43",
                io.synergy.model.orgunit.OrgUnitLevel.ENTERPRISE,
                "青岛示例化工有限公司",
                "Qingdao Example Chemicals",
                "370211P01",
                "C",
                "26",
                Set.of("CARBON_MARKET"),
                false,
                3,
                Instant.parse("2026-01-05T08:00:00Z"),
                "ops-li");
        assertThat(validate("org-unit-event.v1.json", e)).isEmpty();
        JsonNode schema = schemaNode("org-unit-event.v1.json");
        assertThat(names(schema.path("properties"))).isEqualTo(components(io.synergy.model.event.OrgUnitEvent.class));
        io.synergy.model.event.OrgUnitEvent park = new io.synergy.model.event.OrgUnitEvent(
                "370211P01",
                io.synergy.model.orgunit.OrgUnitLevel.PARK,
                "董家口经济区",
                "Dongjiakou",
                "370211",
                null,
                null,
                Set.of(),
                false,
                1,
                Instant.now(),
                "import");
        assertThat(validate("org-unit-event.v1.json", park)).isEmpty();
        assertThat(validate(
                        "org-unit-event.v1.json",
                        new io.synergy.model.event.OrgUnitEvent(
                                "370211-P1",
                                io.synergy.model.orgunit.OrgUnitLevel.PARK,
                                "x",
                                "x",
                                "370211",
                                null,
                                null,
                                Set.of(),
                                false,
                                1,
                                Instant.now(),
                                "x")))
                .isNotEmpty();
    }

    @Test
    void targetEventSerialisesToItsSchemaAndNamesExactlyItsComponents() throws Exception {
        io.synergy.model.target.Allocation a = new io.synergy.model.target.Allocation(
                LocalDate.parse("2024-05-01"),
                16.5,
                2025,
                "青发改〔2024〕7号",
                "planner-wang",
                Instant.parse("2024-05-02T08:00:00Z"));
        io.synergy.model.event.TargetEvent e = new io.synergy.model.event.TargetEvent(
                "E1", "370211", 2, 2024, List.of(a), Instant.parse("2024-05-02T08:00:00Z"), "planner-wang");
        assertThat(validate("target-event.v1.json", e)).isEmpty();
        assertThat(json.writeValueAsString(e)).contains("\"effectiveFrom\":\"2024-05-01\"");
        JsonNode schema = schemaNode("target-event.v1.json");
        assertThat(names(schema.path("properties"))).isEqualTo(components(io.synergy.model.event.TargetEvent.class));
        assertThat(names(schema.path("properties")
                        .path("allocations")
                        .path("items")
                        .path("properties")))
                .isEqualTo(components(io.synergy.model.target.Allocation.class));
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        assertThat(required).isEqualTo(components(io.synergy.model.event.TargetEvent.class));
        assertThat(validate(
                        "target-event.v1.json",
                        new io.synergy.model.event.TargetEvent(
                                "T1", "central-urban", 1, 2025, List.of(a), Instant.now(), "x")))
                .isEmpty();
        assertThat(validate(
                        "target-event.v1.json",
                        new io.synergy.model.event.TargetEvent(
                                "T1", "370202 ", 1, 2025, List.of(a), Instant.now(), "x")))
                .isNotEmpty();
        assertThat(validate(
                        "target-event.v1.json",
                        new io.synergy.model.event.TargetEvent(
                                "T1", "370202", 0, 2025, List.of(a), Instant.now(), "x")))
                .isNotEmpty();
    }

    @Test
    void reportSerialisesToItsSchema() throws Exception {
        Report r = new Report(
                "qd-energy-stats/2024/370202/1",
                "qd-energy-stats",
                "370202",
                "2024",
                1,
                List.of(
                        new ReportValue("energy.primary.total", 1250.0, "tce"),
                        new ReportValue("energy.primary.nonfossil", 180.5, null)));
        assertThat(validate("report.v1.json", r)).isEmpty();
        assertThat(names(schemaNode("report.v1.json").path("properties"))).isEqualTo(components(Report.class));
        assertThat(names(schemaNode("report.v1.json")
                        .path("properties")
                        .path("values")
                        .path("items")
                        .path("properties")))
                .isEqualTo(components(ReportValue.class));
        assertThat(validate(
                        "report.v1.json",
                        new Report("r", "s", "370202", "2024Q5", 1, List.of(new ReportValue("x", 1.0, null)))))
                .isNotEmpty();
    }

    @Test
    void projectEventSerialisesToItsSchemaAndNamesExactlyItsComponents() throws Exception {
        ProjectEvent p = new ProjectEvent(
                "QD-2023-0001",
                "董家口电厂3号机组“三改联动”",
                "Dongjiakou unit 3 retrofit",
                "COAL_POWER_RETROFIT",
                3,
                "370211P01",
                "市发展改革委",
                List.of("青岛示范电力有限公司"),
                2023,
                2024,
                ProjectStatus.COMPLETED,
                List.of(
                        new ProjectEvent.StatusChange(ProjectStatus.PLANNED, LocalDate.parse("2023-01-10")),
                        new ProjectEvent.StatusChange(ProjectStatus.COMPLETED, LocalDate.parse("2024-10-31"))),
                List.of(
                        new ProjectEvent.Reduction(Substance.NOX, new BigDecimal("120.5"), new BigDecimal("98.25")),
                        new ProjectEvent.Reduction(Substance.CO2, new BigDecimal("52000"), null)),
                "青环验〔2024〕31号",
                4,
                Instant.parse("2024-11-05T08:00:00Z"),
                "planner-wang");
        assertThat(validate(EventSchemas.PROJECT_EVENT, p)).isEmpty();
        JsonNode schema = schemaNode(EventSchemas.PROJECT_EVENT);
        assertThat(names(schema.path("properties"))).isEqualTo(components(ProjectEvent.class));
        assertThat(names(schema.at("/properties/statusHistory/items/properties")))
                .isEqualTo(components(ProjectEvent.StatusChange.class));
        assertThat(names(schema.at("/properties/reductions/items/properties")))
                .isEqualTo(components(ProjectEvent.Reduction.class));
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        assertThat(required).isEqualTo(components(ProjectEvent.class));
        List<ProjectEvent.Reduction> minusOne =
                List.of(new ProjectEvent.Reduction(Substance.NOX, BigDecimal.ONE.negate(), null));
        ProjectEvent negative = new ProjectEvent(
                p.code(),
                p.zh(),
                p.en(),
                p.type(),
                p.clause(),
                p.orgUnit(),
                p.leadDepartment(),
                p.responsibleUnits(),
                p.startYear(),
                p.completionYear(),
                p.status(),
                p.statusHistory(),
                minusOne,
                null,
                1,
                Instant.now(),
                "x");
        assertThat(validate(EventSchemas.PROJECT_EVENT, negative)).isNotEmpty();
    }

    @Test
    void pilotEventSerialisesToItsSchemaAndNamesExactlyItsComponents() throws Exception {
        PilotEvent p = new PilotEvent(
                "PL-2023-001",
                "91370211MA3D00101W",
                "CARBON_EIA",
                2,
                "CHEMICAL",
                DesignationLevel.PROVINCIAL,
                2023,
                PilotStatus.DESIGNATED,
                "鲁环函〔2023〕45号",
                1,
                Instant.parse("2024-01-05T08:00:00Z"),
                "planner-wang");
        assertThat(validate(EventSchemas.PILOT_EVENT, p)).isEmpty();
        assertThat(validate(
                        EventSchemas.PILOT_EVENT,
                        new PilotEvent(
                                "P1",
                                "370211",
                                "EOD_PILOT",
                                21,
                                null,
                                DesignationLevel.NATIONAL,
                                null,
                                PilotStatus.APPLIED,
                                null,
                                1,
                                Instant.now(),
                                "x")))
                .as("a code of three characters at least")
                .isNotEmpty();
        JsonNode schema = schemaNode(EventSchemas.PILOT_EVENT);
        assertThat(names(schema.path("properties"))).isEqualTo(components(PilotEvent.class));
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        assertThat(required).isEqualTo(components(PilotEvent.class));
    }

    @Test
    void approvalEventSerialisesToItsSchemaAndNamesExactlyItsComponents() throws Exception {
        ApprovalEvent e = new ApprovalEvent(
                UUID.randomUUID().toString(),
                "energy",
                "370202",
                "2024",
                ApprovalState.OPEN,
                ApprovalAction.RETURN,
                ApprovalState.SUBMITTED,
                "reviewer-li",
                "reviewer:energy",
                "2024年12月数据缺失，请补报",
                2,
                Instant.parse("2025-02-10T08:00:00Z"));
        assertThat(validate(EventSchemas.APPROVAL_EVENT, e)).isEmpty();
        assertThat(e.key()).isEqualTo("energy|370202|2024");
        ApprovalEvent submitted = new ApprovalEvent(
                UUID.randomUUID().toString(),
                "energy",
                "370202",
                "2024",
                ApprovalState.SUBMITTED,
                ApprovalAction.SUBMIT,
                ApprovalState.OPEN,
                "bureau",
                "feed:energy",
                null,
                1,
                Instant.now());
        assertThat(validate(EventSchemas.APPROVAL_EVENT, submitted)).isEmpty();
        ApprovalEvent quarter = new ApprovalEvent(
                UUID.randomUUID().toString(),
                "energy",
                "370202",
                "2024Q3",
                ApprovalState.SUBMITTED,
                ApprovalAction.SUBMIT,
                ApprovalState.OPEN,
                "bureau",
                "feed:energy",
                null,
                1,
                Instant.now());
        assertThat(validate(EventSchemas.APPROVAL_EVENT, quarter))
                .as("a data set is a year")
                .isNotEmpty();
        JsonNode schema = schemaNode(EventSchemas.APPROVAL_EVENT);
        assertThat(names(schema.path("properties"))).isEqualTo(components(ApprovalEvent.class));
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        assertThat(required).isEqualTo(components(ApprovalEvent.class));
    }

    @Test
    void reminderEventSerialisesToItsSchemaAndNamesExactlyItsComponents() throws Exception {
        ReminderEvent e = new ReminderEvent(
                UUID.randomUUID().toString(),
                "energy",
                "370202",
                "2024",
                LocalDate.parse("2025-03-31"),
                -3,
                DeadlineStatus.OVERDUE,
                ApprovalState.OPEN,
                LocalDate.parse("2025-04-03"),
                Instant.parse("2025-04-02T23:00:00Z"));
        assertThat(validate(EventSchemas.REMINDER_EVENT, e)).isEmpty();
        assertThat(e.key()).isEqualTo("energy|370202|2024");
        ReminderEvent submitted = new ReminderEvent(
                UUID.randomUUID().toString(),
                "energy",
                "370202",
                "2024",
                LocalDate.parse("2025-03-31"),
                5,
                DeadlineStatus.SUBMITTED,
                ApprovalState.SUBMITTED,
                LocalDate.parse("2025-03-26"),
                Instant.now());
        assertThat(validate(EventSchemas.REMINDER_EVENT, submitted))
                .as("only open data sets are reminded of")
                .isNotEmpty();
        JsonNode schema = schemaNode(EventSchemas.REMINDER_EVENT);
        assertThat(names(schema.path("properties"))).isEqualTo(components(ReminderEvent.class));
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        assertThat(required).isEqualTo(components(ReminderEvent.class));
    }
}
