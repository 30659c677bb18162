package io.synergy.sector.read;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.tabular.Table;
import io.synergy.platform.tabular.Tabular;
import io.synergy.sector.config.SectorConfig;
import io.synergy.sector.model.ReportSheet;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The upload template of the sector ({@code GET /api/v1/template}): for each district asked for, one row per data element of the
 * sector — its code, Chinese name and unit, the district's code and name, a report id, source and period filled in — and the
 * value left empty. Filled in, it uploads as it is, CSV or XLSX ({@link ReportSheet}).
 */
@ApplicationScoped
public class ReportTemplate {

    private final Catalogue catalogue;
    private final OrgUnitRegistry orgUnits;
    private final SectorConfig config;

    public ReportTemplate(Catalogue catalogue, OrgUnitRegistry orgUnits, SectorConfig config) {
        this.catalogue = catalogue;
        this.orgUnits = orgUnits;
        this.config = config;
    }

    /** The source a template's reports carry until the bureau writes its own system's. */
    public String source() {
        return config.code().code() + "-template";
    }

    /**
     * @param period    the period the rows are filled in for
     * @param districts the districts, in the registry's order ({@code null}: every district)
     */
    public Tabular<List<ReportSheet.Row>> template(String period, List<String> districts) {
        List<ReportSheet.Row> rows = new ArrayList<>();
        List<DataElement> elements = catalogue.dataElements(config.code());
        for (OrgUnit d : orgUnits.current().districts()) {
            if (districts != null && !districts.contains(d.code())) {
                continue;
            }
            String reportId = source() + "/" + period + "/" + d.code();
            for (DataElement de : elements) {
                rows.add(new ReportSheet.Row(
                        reportId,
                        source(),
                        d.code(),
                        d.zh(),
                        period,
                        de.code(),
                        de.zh() + " " + de.en(),
                        null,
                        de.unit(),
                        1));
            }
        }
        return Tabular.of(
                rows,
                config.code().code() + "-report-template-" + period,
                new Table<>("填报模板 Report template", ReportSheet.COLUMNS, rows));
    }
}
