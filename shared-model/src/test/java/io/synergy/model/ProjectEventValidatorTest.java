package io.synergy.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.synergy.model.event.CheckedRecord;
import io.synergy.model.event.PilotEvent;
import io.synergy.model.event.ProjectEvent;
import io.synergy.model.event.ProjectEventValidator;
import io.synergy.model.event.Rejection;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.project.DesignationLevel;
import io.synergy.model.project.PilotStatus;
import io.synergy.model.project.ProjectCatalogue;
import io.synergy.model.project.ProjectStatus;
import io.synergy.model.project.Substance;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each fault a record on projects.v1 or pilots.v1 can have is found, named and given its kind; a good one passes as it is. */
class ProjectEventValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ProjectEventValidator VALIDATOR =
            new ProjectEventValidator(ProjectCatalogue.load(), OrgUnits.load());

    private static ProjectEvent project() {
        return new ProjectEvent(
                "QD-KP-0001",
                "平度市农村清洁取暖",
                "clean heating",
                "CLEAN_HEATING",
                8,
                "370283",
                "市住房城乡建设局",
                List.of("平度市人民政府"),
                2022,
                2024,
                ProjectStatus.COMPLETED,
                List.of(
                        new ProjectEvent.StatusChange(ProjectStatus.PLANNED, LocalDate.parse("2022-09-01")),
                        new ProjectEvent.StatusChange(ProjectStatus.COMPLETED, LocalDate.parse("2024-10-10"))),
                List.of(
                        new ProjectEvent.Reduction(Substance.NOX, new BigDecimal("12"), new BigDecimal("11.5")),
                        new ProjectEvent.Reduction(Substance.CO2, new BigDecimal("9000"), null)),
                "示例-平环验〔2024〕3号",
                3,
                Instant.parse("2024-10-11T08:00:00Z"),
                "planner-1");
    }

    private static PilotEvent pilot() {
        return new PilotEvent(
                "QD-PL-0001",
                "370283",
                "ZERO_WASTE_CITY",
                15,
                null,
                DesignationLevel.PROVINCIAL,
                2023,
                PilotStatus.DESIGNATED,
                "示例-鲁环函〔2023〕5号",
                1,
                Instant.parse("2024-10-11T08:00:00Z"),
                "planner-1");
    }

    private static Rejection refused(Object event, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode n = JSON.valueToTree(event);
        edit.accept(n);
        byte[] value = JSON.writeValueAsBytes(n);
        CheckedRecord<?> c = event instanceof ProjectEvent
                ? VALIDATOR.project(n.path("code").asText(), value)
                : VALIDATOR.pilot(n.path("code").asText(), value);
        assertThat(c.valid()).as("refused").isFalse();
        assertThat(c.event()).isNull();
        return c.rejection();
    }

    @Test
    void aGoodProjectAndPilotPassAsTheyAre() throws Exception {
        CheckedRecord<ProjectEvent> p = VALIDATOR.project("QD-KP-0001", JSON.writeValueAsBytes(project()));
        assertThat(p.valid()).isTrue();
        assertThat(p.event()).isEqualTo(project());
        CheckedRecord<PilotEvent> q = VALIDATOR.pilot("QD-PL-0001", JSON.writeValueAsBytes(pilot()));
        assertThat(q.event()).isEqualTo(pilot());
    }

    @Test
    void everyFaultOfAProjectIsNamed() throws Exception {
        assertThat(VALIDATOR
                        .project("QD-KP-0001", "{".getBytes(StandardCharsets.UTF_8))
                        .rejection()
                        .kind())
                .isEqualTo(Rejection.NOT_JSON);
        assertThat(VALIDATOR
                        .project("QD-KP-0002", JSON.writeValueAsBytes(project()))
                        .rejection()
                        .kind())
                .isEqualTo(ProjectEventValidator.KEY);
        assertThat(refused(project(), n -> n.put("extra", 1)).kind()).isEqualTo(Rejection.SCHEMA);
        assertThat(refused(project(), n -> n.put("version", 5_000_000)).kind())
                .isEqualTo(ProjectEventValidator.VERSION);
        assertThat(refused(project(), n -> n.put("type", "NO_SUCH_TYPE")).field())
                .isEqualTo("type");
        assertThat(refused(project(), n -> n.put("clause", 3)).field()).isEqualTo("clause");
        assertThat(refused(project(), n -> n.put("orgUnit", "370200")).kind())
                .isEqualTo(ProjectEventValidator.ORG_UNIT);
        assertThat(refused(project(), n -> n.put("orgUnit", "370299")).field()).isEqualTo("orgUnit");
        assertThat(refused(project(), n -> n.put("status", "PLANNED")).field()).isEqualTo("status");
        assertThat(refused(
                                project(),
                                n -> ((ObjectNode) n.withArray("statusHistory").get(1)).put("since", "2021-01-01"))
                        .field())
                .isEqualTo("statusHistory[1]");
        assertThat(refused(
                                project(),
                                n -> ((ObjectNode) n.withArray("reductions").get(1)).put("substance", "VOCS"))
                        .field())
                .as("CLEAN_HEATING records no VOCs")
                .isEqualTo("reductions[1].substance");
        assertThat(refused(project(), n -> n.putNull("verificationDocument")).field())
                .isEqualTo("verificationDocument");
        assertThat(refused(project(), n -> {
                            ArrayNode history = n.withArray("statusHistory");
                            history.remove(1);
                            n.put("status", "PLANNED");
                        })
                        .field())
                .as("a verified reduction of a project not completed")
                .isEqualTo("reductions[0].verified");
        assertThat(refused(project(), n -> n.put("leadDepartment", "市\u0007局")).kind())
                .isEqualTo(ProjectEventValidator.TEXT);
    }

    @Test
    void everyFaultOfAPilotIsNamed() throws Exception {
        assertThat(refused(pilot(), n -> n.put("programme", "NOPE")).field()).isEqualTo("programme");
        assertThat(refused(pilot(), n -> n.put("orgUnit", "370283P99")).field()).isEqualTo("orgUnit");
        assertThat(refused(pilot(), n -> n.put("industry", "STEEL")).field()).isEqualTo("industry");
        assertThat(refused(pilot(), n -> n.putNull("yearDesignated")).field()).isEqualTo("yearDesignated");
        assertThat(refused(pilot(), n -> n.put("clause", 2)).field()).isEqualTo("clause");
    }
}
