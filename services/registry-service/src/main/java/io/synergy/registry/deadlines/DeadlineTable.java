package io.synergy.registry.deadlines;

import io.synergy.platform.tabular.Column;
import io.synergy.platform.tabular.Table;
import io.synergy.platform.tabular.Tabular;
import java.util.List;

/** The deadlines as a table: the CSV and workbook of {@code GET /api/v1/deadlines}, a row's fields in its order. */
final class DeadlineTable {

    static final List<Column<Deadline>> COLUMNS = List.of(
            Column.text("sector", "行业", "Sector", Deadline::sector),
            Column.text("org_unit", "区市", "District", Deadline::orgUnit),
            Column.text("period", "期间", "Period", Deadline::period),
            Column.date("due_date", "截止日期", "Due date", Deadline::dueDate),
            Column.text("state", "审核状态", "State", d -> d.state().name()),
            Column.text("status", "状态", "Status", d -> d.status().name()),
            Column.integer("days_left", "剩余天数", "Days left", null, Deadline::daysLeft));

    private DeadlineTable() {}

    static Tabular<List<Deadline>> answer(List<Deadline> rows) {
        return Tabular.of(rows, "deadlines", new Table<>("截止日期 Deadlines", COLUMNS, rows));
    }
}
