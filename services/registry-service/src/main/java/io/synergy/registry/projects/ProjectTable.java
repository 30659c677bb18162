package io.synergy.registry.projects;

import io.synergy.model.event.ProjectEvent;
import io.synergy.model.project.ProjectProgress;
import io.synergy.model.project.ProjectStatus;
import io.synergy.model.project.Substance;
import io.synergy.platform.tabular.Column;
import io.synergy.platform.tabular.Table;
import io.synergy.platform.tabular.TableReader;
import io.synergy.platform.tabular.TableRow;
import io.synergy.platform.tabular.Tabular;
import io.synergy.registry.shared.Checks;
import io.synergy.registry.shared.Fields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The key projects as a table, declared once: the CSV and workbook of {@code GET /api/v1/projects} and the layout the
 * import reads (CSV or XLSX), so an export imports unchanged. Responsible units are separated by {@code |}; each
 * substance has a planned and a verified column (t/a). The clause and version are written for the reader and ignored
 * by the import (the clause follows from the type, the version from the registry).
 */
final class ProjectTable {

    /** A row of the import is a whole project: a column left out, or a blank cell, is empty. */
    static final List<Column<ProjectEvent>> IMPORTED;

    static final List<Column<ProjectEvent>> COLUMNS;

    /** The JSON fields whose column is named otherwise, for problems naming a row's cell. */
    static final Map<String, String> COLUMN_OF = Map.of(
            "zh",
            "name_zh",
            "en",
            "name_en",
            "orgUnit",
            "org_unit",
            "leadDepartment",
            "lead_department",
            "responsibleUnits",
            "responsible_units",
            "startYear",
            "start_year",
            "completionYear",
            "completion_year",
            "statusDate",
            "status_date",
            "verificationDocument",
            "verification_document");

    static {
        List<Column<ProjectEvent>> imported = new ArrayList<>(List.of(
                Column.text("code", "项目编号", "Code", ProjectEvent::code),
                Column.text("name_zh", "项目名称", "Chinese name", ProjectEvent::zh),
                Column.<ProjectEvent>text("name_en", "英文名称", "English name", ProjectEvent::en)
                        .asOptional(),
                Column.text("type", "项目类型", "Type", ProjectEvent::type),
                Column.text("org_unit", "所属单位", "Org unit", ProjectEvent::orgUnit),
                Column.text("lead_department", "牵头单位", "Lead department", ProjectEvent::leadDepartment),
                Column.<ProjectEvent>text(
                                "responsible_units",
                                "责任单位",
                                "Responsible units",
                                p -> String.join("|", p.responsibleUnits()))
                        .asOptional(),
                Column.integer("start_year", "开工年份", "Start year", null, ProjectEvent::startYear),
                Column.<ProjectEvent>integer(
                                "completion_year", "完成年份", "Completion year", null, ProjectEvent::completionYear)
                        .asOptional(),
                Column.text("status", "状态", "Status", p -> p.status().name()),
                Column.<ProjectEvent>date(
                                "status_date",
                                "状态日期",
                                "Status since",
                                p -> p.statusHistory()
                                        .get(p.statusHistory().size() - 1)
                                        .since())
                        .asOptional()));
        for (Substance s : Substance.values()) {
            imported.add(Column.<ProjectEvent>number(
                            "planned_" + s.key(),
                            s.zh() + "计划减排量",
                            "Planned " + s.en() + " reduction",
                            Substance.UNIT,
                            p -> p.reduction(s)
                                    .map(ProjectEvent.Reduction::planned)
                                    .orElse(null))
                    .asOptional());
            imported.add(Column.<ProjectEvent>number(
                            "verified_" + s.key(),
                            s.zh() + "核定减排量",
                            "Verified " + s.en() + " reduction",
                            Substance.UNIT,
                            p -> p.reduction(s)
                                    .map(ProjectEvent.Reduction::verified)
                                    .orElse(null))
                    .asOptional());
        }
        imported.add(Column.<ProjectEvent>text(
                        "verification_document", "核定文件", "Verification document", ProjectEvent::verificationDocument)
                .asOptional());
        IMPORTED = List.copyOf(imported);
        List<Column<ProjectEvent>> all = new ArrayList<>(imported);
        all.add(4, Column.text("clause", "条款", "Clause", p -> Integer.toString(p.clause())));
        all.add(Column.integer("version", "版本", "Version", null, ProjectEvent::version));
        COLUMNS = List.copyOf(all);
    }

    /** Columns besides these (the clause, the version, notes) are ignored. */
    static final TableReader READER = new TableReader(IMPORTED, TableReader.Limits.DEFAULT, true);

    private ProjectTable() {}

    static Tabular<List<ProjectEvent>> answer(List<ProjectEvent> projects) {
        return Tabular.of(projects, "projects", new Table<>("重点工程 Key projects", COLUMNS, projects));
    }

    /** A row of an upload as a change (validated by {@link ProjectService#apply}). */
    static ProjectChange change(TableRow row) {
        String units = row.text("responsible_units");
        List<ProjectChange.ReductionChange> reductions = new ArrayList<>();
        for (Substance s : Substance.values()) {
            reductions.add(new ProjectChange.ReductionChange(
                    s.name(), row.number("planned_" + s.key()), row.number("verified_" + s.key())));
        }
        return new ProjectChange(
                row.text("code"),
                row.text("name_zh"),
                row.text("name_en"),
                row.text("type"),
                row.text("org_unit"),
                row.text("lead_department"),
                units == null
                        ? List.of()
                        : Arrays.stream(units.split("\\|")).map(String::strip).toList(),
                Checks.asYear(row.integer("start_year")),
                Checks.asYear(row.integer("completion_year")),
                row.text("status"),
                row.date("status_date"),
                reductions,
                row.text("verification_document"));
    }

    static Fields fields(TableRow row) {
        return Fields.of(row, COLUMN_OF);
    }

    /** The progress as a table: the total, each clause, each district; counts, and per substance planned and delivered t/a. */
    static Tabular<ProjectProgress> answer(ProjectProgress progress) {
        List<Column<ProjectProgress.ProgressRow>> columns = new ArrayList<>(List.of(
                Column.text("dimension", "维度", "Dimension", ProjectProgress.ProgressRow::dimension),
                Column.text("key", "条款或区市", "Clause or district", ProjectProgress.ProgressRow::label),
                Column.text("name_zh", "名称", "Chinese name", ProjectProgress.ProgressRow::zh),
                Column.text("name_en", "英文名称", "English name", ProjectProgress.ProgressRow::en),
                Column.integer("projects", "项目数", "Projects", null, ProjectProgress.ProgressRow::projects),
                count("planned", "计划", ProjectStatus.PLANNED, c -> c.planned()),
                count("under_construction", "在建", ProjectStatus.UNDER_CONSTRUCTION, c -> c.underConstruction()),
                count("completed", "已完成", ProjectStatus.COMPLETED, c -> c.completed()),
                count("cancelled", "已取消", ProjectStatus.CANCELLED, c -> c.cancelled()),
                Column.integer(
                        "completed_unverified",
                        "已完成未核定",
                        "Completed, not verified",
                        null,
                        ProjectProgress.ProgressRow::completedUnverified)));
        for (Substance s : Substance.values()) {
            columns.add(Column.number(
                    "planned_" + s.key(),
                    s.zh() + "计划减排量",
                    "Planned " + s.en() + " reduction",
                    Substance.UNIT,
                    r -> r.of(s).planned()));
            columns.add(Column.number(
                    "delivered_" + s.key(),
                    s.zh() + "已实现减排量",
                    "Delivered " + s.en() + " reduction",
                    Substance.UNIT,
                    r -> r.of(s).delivered()));
        }
        List<ProjectProgress.ProgressRow> rows = new ArrayList<>();
        rows.add(progress.total());
        rows.addAll(progress.byClause());
        rows.addAll(progress.byDistrict());
        return Tabular.of(
                progress, "project-progress-" + progress.period(), new Table<>("重点工程进展 Progress", columns, rows));
    }

    private static Column<ProjectProgress.ProgressRow> count(
            String key, String zh, ProjectStatus status, Function<ProjectProgress.StatusCounts, Integer> n) {
        return Column.integer(
                key,
                zh + "项目数",
                status.en().substring(0, 1).toUpperCase() + status.en().substring(1) + " projects",
                null,
                r -> n.apply(r.byStatus()));
    }
}
