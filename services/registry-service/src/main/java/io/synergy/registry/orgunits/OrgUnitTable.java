package io.synergy.registry.orgunits;

import io.synergy.platform.tabular.Column;
import io.synergy.platform.tabular.Table;
import io.synergy.platform.tabular.TableReader;
import io.synergy.platform.tabular.TableRow;
import io.synergy.platform.tabular.Tabular;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry as a table, declared once: the CSV and workbook of {@code GET /api/v1/org-units} and the layout the
 * import reads (CSV or XLSX). The keys are the CSV columns the registry has always had (docs/deploy.md moves a
 * registry with them); flags are separated by {@code |}.
 */
final class OrgUnitTable {

    static final List<Column<OrgUnitView>> COLUMNS = List.of(
            Column.text("code", "代码", "Code", OrgUnitView::code),
            Column.text("level", "层级", "Level", u -> u.level().name()),
            Column.text("name_zh", "中文名称", "Chinese name", OrgUnitView::zh),
            Column.text("name_en", "英文名称", "English name", OrgUnitView::en),
            Column.text("parent", "上级单位", "Parent", OrgUnitView::parent),
            Column.text("industry_section", "行业门类", "Industry section", OrgUnitView::industrySection),
            Column.text("industry_division", "行业大类", "Industry division", OrgUnitView::industryDivision),
            Column.text("flags", "标识", "Flags", u -> String.join("|", new TreeSet<>(u.flags()))),
            Column.bool("closed", "已关闭", "Closed", OrgUnitView::closed));

    /** Columns besides these are ignored, as the CSV import always did. */
    static final TableReader READER = new TableReader(COLUMNS, TableReader.Limits.DEFAULT, true);

    private OrgUnitTable() {}

    /** The units as JSON, CSV or a workbook. */
    static Tabular<List<OrgUnitView>> answer(List<OrgUnitView> units) {
        return Tabular.of(units, "org-units", new Table<>("园区和企业 Org units", COLUMNS, units));
    }

    /** A row of an upload as a change (validated by {@link OrgUnitService#apply}). */
    static OrgUnitChange change(TableRow row) {
        Set<String> flags = new TreeSet<>();
        String f = row.text("flags");
        if (f != null) {
            Arrays.stream(f.split("\\|")).map(String::strip).forEach(flags::add);
        }
        return new OrgUnitChange(
                row.text("code"),
                row.text("level"),
                row.text("name_zh"),
                row.text("name_en"),
                row.text("parent"),
                row.text("industry_section"),
                row.text("industry_division"),
                flags,
                row.bool("closed"));
    }
}
