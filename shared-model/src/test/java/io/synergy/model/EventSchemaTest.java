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
import io.synergy.model.event.OrgUnitEvent;
import io.synergy.model.event.PilotEvent;
import io.synergy.model.event.ProjectEvent;
import io.synergy.model.event.ReminderEvent;
import io.synergy.model.event.TargetEvent;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.project.DesignationLevel;
import io.synergy.model.project.PilotStatus;
import io.synergy.model.project.ProjectStatus;
import io.synergy.model.project.Substance;
import io.synergy.model.report.Report;
import io.synergy.model.report.ReportValue;
import io.synergy.model.target.Allocation;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    /**
     * One contract: the schema, the record it describes, the records nested in it (by the JSON pointer of their
     * properties), whether the schema requires every component, documents of the type the schema takes, and documents
     * of the type it refuses (by why).
     */
    record Contract(
            String schema,
            Class<? extends Record> type,
            Map<String, Class<? extends Record>> nested,
            boolean allRequired,
            List<Object> valid,
            Map<String, Object> invalid) {

        @Override
        public String toString() {
            return schema;
        }
    }

    static Stream<Contract> contracts() {
        Allocation allocation = new Allocation(
                LocalDate.parse("2024-05-01"),
                16.5,
                2025,
                "青发改〔2024〕7号",
                "planner-wang",
                Instant.parse("2024-05-02T08:00:00Z"));
        ProjectEvent project = project();
        return Stream.of(
                new Contract(
                        "indicator-event.v1.json",
                        IndicatorEvent.class,
                        Map.of(),
                        true,
                        List.of(
                                indicator(EventKind.INDICATOR, "E1", "2024", 14.44, 3),
                                new IndicatorEvent(
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
                                        Instant.now())),
                        Map.of(
                                "a quarter is no year",
                                indicator(EventKind.INDICATOR, "E1", "2024Q3", 1.0, 1),
                                "revisions start at 1",
                                indicator(EventKind.INDICATOR, "E1", "2024", 1.0, 0))),
                new Contract(
                        "org-unit-event.v1.json",
                        OrgUnitEvent.class,
                        Map.of(),
                        false,
                        List.of(
                                new OrgUnitEvent(
                                        "91350100M000100Y43",
                                        OrgUnitLevel.ENTERPRISE,
                                        "青岛示例化工有限公司",
                                        "Qingdao Example Chemicals",
                                        "370211P01",
                                        "C",
                                        "26",
                                        Set.of("CARBON_MARKET"),
                                        false,
                                        3,
                                        Instant.parse("2026-01-05T08:00:00Z"),
                                        "ops-li"),
                                park("370211P01")),
                        Map.of("a park's code is the district's and P and two digits", park("370211-P1"))),
                new Contract(
                        "target-event.v1.json",
                        TargetEvent.class,
                        Map.of("/properties/allocations/items/properties", Allocation.class),
                        true,
                        List.of(
                                new TargetEvent(
                                        "E1",
                                        "370211",
                                        2,
                                        2024,
                                        List.of(allocation),
                                        Instant.parse("2024-05-02T08:00:00Z"),
                                        "planner-wang"),
                                new TargetEvent(
                                        "T1", "central-urban", 1, 2025, List.of(allocation), Instant.now(), "x")),
                        Map.of(
                                "an org unit's code has no blank",
                                new TargetEvent("T1", "370202 ", 1, 2025, List.of(allocation), Instant.now(), "x"),
                                "versions start at 1",
                                new TargetEvent("T1", "370202", 0, 2025, List.of(allocation), Instant.now(), "x"))),
                new Contract(
                        "report.v1.json",
                        Report.class,
                        Map.of("/properties/values/items/properties", ReportValue.class),
                        false,
                        List.of(new Report(
                                "qd-energy-stats/2024/370202/1",
                                "qd-energy-stats",
                                "370202",
                                "2024",
                                1,
                                List.of(
                                        new ReportValue("energy.primary.total", 1250.0, "tce"),
                                        new ReportValue("energy.primary.nonfossil", 180.5, null)))),
                        Map.of(
                                "there is no fifth quarter",
                                new Report("r", "s", "370202", "2024Q5", 1, List.of(new ReportValue("x", 1.0, null))))),
                new Contract(
                        EventSchemas.PROJECT_EVENT,
                        ProjectEvent.class,
                        Map.of(
                                "/properties/statusHistory/items/properties",
                                ProjectEvent.StatusChange.class,
                                "/properties/reductions/items/properties",
                                ProjectEvent.Reduction.class),
                        true,
                        List.of(project),
                        Map.of("a reduction is not negative", negativeReduction(project))),
                new Contract(
                        EventSchemas.PILOT_EVENT,
                        PilotEvent.class,
                        Map.of(),
                        true,
                        List.of(new PilotEvent(
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
                                "planner-wang")),
                        Map.of(
                                "a code of three characters at least",
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
                                        "x"))),
                new Contract(
                        EventSchemas.APPROVAL_EVENT,
                        ApprovalEvent.class,
                        Map.of(),
                        true,
                        List.of(
                                returned(),
                                approval("2024", ApprovalState.SUBMITTED, ApprovalAction.SUBMIT, ApprovalState.OPEN)),
                        Map.of(
                                "a data set is a year",
                                approval(
                                        "2024Q3", ApprovalState.SUBMITTED, ApprovalAction.SUBMIT, ApprovalState.OPEN))),
                new Contract(
                        EventSchemas.REMINDER_EVENT,
                        ReminderEvent.class,
                        Map.of(),
                        true,
                        List.of(overdue()),
                        Map.of(
                                "only open data sets are reminded of",
                                new ReminderEvent(
                                        UUID.randomUUID().toString(),
                                        "energy",
                                        "370202",
                                        "2024",
                                        LocalDate.parse("2025-03-31"),
                                        5,
                                        DeadlineStatus.SUBMITTED,
                                        ApprovalState.SUBMITTED,
                                        LocalDate.parse("2025-03-26"),
                                        Instant.now()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void theSchemaTakesWhatTheTypeWritesAndRefusesWhatTheTypeCannotMean(Contract c) throws Exception {
        for (Object document : c.valid()) {
            assertThat(validate(c.schema(), document)).as(document.toString()).isEmpty();
        }
        for (Map.Entry<String, Object> refused : c.invalid().entrySet()) {
            assertThat(validate(c.schema(), refused.getValue()))
                    .as(refused.getKey())
                    .isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void theSchemaNamesExactlyTheRecordsComponents(Contract c) throws Exception {
        JsonNode schema = schemaNode(c.schema());
        assertThat(names(schema.path("properties"))).isEqualTo(components(c.type()));
        for (Map.Entry<String, Class<? extends Record>> nested : c.nested().entrySet()) {
            assertThat(names(schema.at(nested.getKey()))).as(nested.getKey()).isEqualTo(components(nested.getValue()));
        }
        if (c.allRequired()) {
            Set<String> required = new TreeSet<>();
            schema.path("required").forEach(n -> required.add(n.asText()));
            assertThat(required).isEqualTo(components(c.type()));
        }
    }

    @Test
    void datesAreIsoDatesAndKeysNameTheDataSet() throws Exception {
        TargetEvent target = new TargetEvent(
                "E1",
                "370211",
                2,
                2024,
                List.of(new Allocation(LocalDate.parse("2024-05-01"), 16.5, 2025, "d", "p", Instant.now())),
                Instant.now(),
                "planner-wang");
        assertThat(json.writeValueAsString(target)).contains("\"effectiveFrom\":\"2024-05-01\"");
        assertThat(returned().key()).isEqualTo("energy|370202|2024");
        assertThat(overdue().key()).isEqualTo("energy|370202|2024");
    }

    private static IndicatorEvent indicator(EventKind kind, String code, String period, double value, int revision) {
        return new IndicatorEvent(
                UUID.randomUUID().toString(),
                "energy",
                kind,
                code,
                "370202",
                period,
                value,
                180.5,
                1250.0,
                "%",
                revision,
                true,
                "qd-energy-stats/2024/370202/1",
                Instant.parse("2024-05-01T08:00:00Z"));
    }

    private static OrgUnitEvent park(String code) {
        return new OrgUnitEvent(
                code,
                OrgUnitLevel.PARK,
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
    }

    private static ProjectEvent project() {
        return new ProjectEvent(
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
    }

    private static ProjectEvent negativeReduction(ProjectEvent p) {
        return new ProjectEvent(
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
                List.of(new ProjectEvent.Reduction(Substance.NOX, BigDecimal.ONE.negate(), null)),
                null,
                1,
                Instant.now(),
                "x");
    }

    private static ApprovalEvent returned() {
        return new ApprovalEvent(
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
    }

    private static ApprovalEvent approval(
            String period, ApprovalState state, ApprovalAction action, ApprovalState from) {
        return new ApprovalEvent(
                UUID.randomUUID().toString(),
                "energy",
                "370202",
                period,
                state,
                action,
                from,
                "bureau",
                "feed:energy",
                null,
                1,
                Instant.now());
    }

    private static ReminderEvent overdue() {
        return new ReminderEvent(
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
    }
}
