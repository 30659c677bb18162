package io.synergy.registry.targets;

import io.synergy.model.target.AppliedTarget;
import io.synergy.platform.tabular.Column;
import io.synergy.platform.tabular.Table;
import io.synergy.platform.tabular.TableReader;
import io.synergy.platform.tabular.TableRow;
import io.synergy.platform.tabular.Tabular;
import io.synergy.registry.shared.Checks;
import io.synergy.registry.shared.Fields;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Targets as a table, declared once: the CSV and workbook of {@code GET /api/v1/targets}, and the layout the import of a
 * whole allocation (目标分解表) reads — its six columns of the list's, one allocation a row, as CSV or XLSX. A cell the
 * table cannot read is a fault naming its place ({@code line 3: target_year}, {@code row 3: target_year}); what the cells
 * say is then checked like a {@code PUT} ({@link TargetService#apply}), every fault of every row at once.
 */
final class TargetTable {

    static final Column<AppliedTarget> INDICATOR =
            Column.text("indicator", "指标", "Indicator", AppliedTarget::indicator);
    static final Column<AppliedTarget> ORG_UNIT = Column.text("org_unit", "单位", "Org unit", AppliedTarget::orgUnit);
    static final Column<AppliedTarget> VALUE = Column.number("value", "目标值", "Target", null, AppliedTarget::value);
    static final Column<AppliedTarget> TARGET_YEAR =
            Column.integer("target_year", "目标年", "Target year", null, AppliedTarget::targetYear);
    static final Column<AppliedTarget> DOCUMENT = Column.text("document", "文号", "Document", AppliedTarget::document);
    static final Column<AppliedTarget> EFFECTIVE_FROM =
            Column.date("effective_from", "生效日期", "Effective from", AppliedTarget::effectiveFrom);

    /** The list's columns: a row's fields, in its order. */
    static final List<Column<AppliedTarget>> COLUMNS = List.of(
            INDICATOR,
            ORG_UNIT,
            Column.integer("year", "年份", "Year", null, AppliedTarget::year),
            Column.text("source", "来源", "Source", t -> t.source().name()),
            VALUE,
            TARGET_YEAR,
            Column.bool("kept_every_year", "每年保持", "Kept every year", AppliedTarget::keptEveryYear),
            DOCUMENT,
            Column.text(
                    "basis",
                    "依据",
                    "Basis",
                    t -> t.basis() == null ? null : t.basis().name()),
            EFFECTIVE_FROM,
            Column.text("set_by", "录入人", "Set by", AppliedTarget::setBy),
            Column.text(
                    "set_at",
                    "录入时间",
                    "Set at",
                    t -> t.setAt() == null ? null : t.setAt().toString()));

    /** The column of a JSON field where their names differ. */
    static final Map<String, String> COLUMN_OF =
            Map.of("orgUnit", ORG_UNIT.key(), "targetYear", TARGET_YEAR.key(), "effectiveFrom", EFFECTIVE_FROM.key());

    /** The import's columns, in the order of its template; other columns of an upload are ignored (an export's year, source…). */
    static final List<Column<AppliedTarget>> READER_COLUMNS =
            List.of(INDICATOR, ORG_UNIT, VALUE, TARGET_YEAR, DOCUMENT, EFFECTIVE_FROM);

    static final TableReader READER = new TableReader(READER_COLUMNS, TableReader.Limits.DEFAULT, true);

    private TargetTable() {}

    /** The rows as JSON, CSV or a workbook. */
    static Tabular<List<AppliedTarget>> answer(List<AppliedTarget> rows) {
        return Tabular.of(rows, "targets", new Table<>("目标 Targets", COLUMNS, rows));
    }

    /** A row of an upload as an allocation asked for, its faults named by the row's place and column. */
    static TargetService.Requested requested(TableRow row) {
        BigDecimal value = row.number(VALUE.key());
        return new TargetService.Requested(
                row.text(INDICATOR.key()),
                row.text(ORG_UNIT.key()),
                value == null ? null : value.doubleValue(),
                Checks.asYear(row.integer(TARGET_YEAR.key())),
                row.text(DOCUMENT.key()),
                row.date(EFFECTIVE_FROM.key()),
                Fields.of(row, COLUMN_OF));
    }
}
