package io.synergy.registry.pilots;

import io.synergy.model.event.PilotEvent;
import io.synergy.platform.tabular.Column;
import io.synergy.platform.tabular.Table;
import io.synergy.platform.tabular.TableReader;
import io.synergy.platform.tabular.TableRow;
import io.synergy.platform.tabular.Tabular;
import io.synergy.registry.shared.Checks;
import io.synergy.registry.shared.Fields;
import java.util.List;
import java.util.Map;

/**
 * The pilots as a table, declared once: the CSV and workbook of {@code GET /api/v1/pilots} and the layout the import
 * reads (CSV or XLSX), so an export imports unchanged. The clause and version are written for the reader and ignored by
 * the import.
 */
final class PilotTable {

    static final List<Column<PilotEvent>> IMPORTED = List.of(
            Column.text("code", "编号", "Code", PilotEvent::code),
            Column.text("org_unit", "所属单位", "Org unit", PilotEvent::orgUnit),
            Column.text("programme", "试点示范类别", "Programme", PilotEvent::programme),
            Column.<PilotEvent>text("industry", "试点行业", "Industry", PilotEvent::industry)
                    .asOptional(),
            Column.text("level", "级别", "Level", p -> p.level().name()),
            Column.<PilotEvent>integer("year_designated", "批准年份", "Year designated", null, PilotEvent::yearDesignated)
                    .asOptional(),
            Column.text("status", "状态", "Status", p -> p.status().name()),
            Column.<PilotEvent>text("document", "批复文件", "Document", PilotEvent::document)
                    .asOptional());

    static final List<Column<PilotEvent>> COLUMNS = List.of(
            IMPORTED.get(0),
            IMPORTED.get(1),
            IMPORTED.get(2),
            Column.text("clause", "条款", "Clause", p -> Integer.toString(p.clause())),
            IMPORTED.get(3),
            IMPORTED.get(4),
            IMPORTED.get(5),
            IMPORTED.get(6),
            IMPORTED.get(7),
            Column.integer("version", "版本", "Version", null, PilotEvent::version));

    static final Map<String, String> COLUMN_OF = Map.of("orgUnit", "org_unit", "yearDesignated", "year_designated");

    /** Columns besides these (the clause, the version, notes) are ignored. */
    static final TableReader READER = new TableReader(IMPORTED, TableReader.Limits.DEFAULT, true);

    private PilotTable() {}

    static Tabular<List<PilotEvent>> answer(List<PilotEvent> pilots) {
        return Tabular.of(pilots, "pilots", new Table<>("试点示范 Pilots", COLUMNS, pilots));
    }

    static PilotChange change(TableRow row) {
        return new PilotChange(
                row.text("code"),
                row.text("org_unit"),
                row.text("programme"),
                row.text("industry"),
                row.text("level"),
                Checks.asYear(row.integer("year_designated")),
                row.text("status"),
                row.text("document"));
    }

    static Fields fields(TableRow row) {
        return Fields.of(row, COLUMN_OF);
    }
}
