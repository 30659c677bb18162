package io.synergy.aggregation.inventory;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.synergy.method.inventory.CalculationStatus;
import io.synergy.method.inventory.Inventory;
import io.synergy.model.catalogue.InventoryCatalogue;
import io.synergy.model.catalogue.Sector;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The annual inventory report (清单报告) of an org unit as printable HTML: title, unit, year, factor version and sources,
 * totals and CO2 equivalent, tables by sector and gas, energy by fuel, the factors used, and notes on example factors,
 * missing data and what the inventory does not cover. Headings in Chinese and English. The page is the Qute template
 * {@code templates/InventoryReportPage/report.html} (with its print stylesheet); this class turns an answer into the
 * page's typed model, its figures formatted. Qute escapes every value it writes, so text an operator posted (factor
 * sources, descriptions) can never become markup.
 */
public final class InventoryReportPage {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance report(Page page);
    }

    /** The page's model: every figure already formatted, every label already chosen. */
    public record Page(
            String titleZh,
            String titleEn,
            List<Meta> meta,
            boolean usesExampleFactors,
            Revision revision,
            List<Line> totals,
            Line co2e,
            List<Line> co2eBySector,
            List<SectorLines> sectors,
            List<FuelLine> energy,
            int libraryVersion,
            String libraryDescription,
            List<FactorLine> factors,
            List<String> notes) {}

    /** A row of the cover's table; its value may take several lines. */
    public record Meta(String zh, String en, List<String> lines) {}

    public record Revision(int factorVersion, int revisedBy, String revisedAt, String history) {}

    /** A figure, marked when it was computed with an example factor. */
    public record Cell(String text, boolean example) {}

    /** A row of figures: calculated, reported, their difference; an absent figure is {@code null} (printed as a dash). */
    public record Line(
            String label, Cell calculated, Cell reported, Cell difference, String relative, List<String> notes) {}

    public record SectorLines(String zh, String en, List<Line> lines) {}

    /** Fuel use; {@code reason} instead of {@code energy} when the energy could not be computed. */
    public record FuelLine(String sector, String fuel, String quantity, String ncv, Cell energy, String reason) {}

    public record FactorLine(
            String gas, String activity, String sector, String factor, String source, boolean example) {}

    private InventoryReportPage() {}

    static String render(InventoryAnswer a, InventoryCatalogue catalogue) {
        return Templates.report(page(a, catalogue)).render();
    }

    static Page page(InventoryAnswer a, InventoryCatalogue catalogue) {
        String unitZh = a.name() == null || a.name().zh() == null
                ? a.orgUnit()
                : a.name().zh();
        String unitEn =
                a.name() == null || a.name().en() == null ? "" : a.name().en();
        String titleZh = unitZh + " " + a.period() + " 年度大气污染物与温室气体融合排放清单";
        String titleEn = "Integrated air-pollutant and greenhouse-gas emission inventory — "
                + (unitEn.isBlank() ? a.orgUnit() : unitEn) + ", " + a.period();
        InventoryAnswer.LibraryInfo lib = a.factorLibrary();

        List<Meta> meta = List.of(
                new Meta(
                        "行政单元",
                        "Org unit",
                        List.of(unitZh + (unitEn.isBlank() ? "" : " / " + unitEn) + " (" + a.orgUnit() + ", "
                                + a.level() + ")")),
                new Meta("清单年份", "Inventory year", List.of(a.period())),
                new Meta(
                        "排放因子版本",
                        "Emission-factor version",
                        List.of(
                                "v" + lib.version() + " — " + lib.description(),
                                WHEN.format(lib.createdAt()) + ", " + lib.createdBy())),
                new Meta(
                        "全球增温潜势",
                        "Global warming potentials",
                        List.of(gwp(a.co2e().gwp()) + " (" + a.co2e().gwpSource() + ")")),
                new Meta(
                        "数据完整性",
                        "Completeness",
                        List.of(a.complete() ? "完整 complete" : "不完整 incomplete — see notes / 见说明")),
                new Meta("生成时间", "Generated", List.of(WHEN.format(a.computedAt()) + " (Asia/Shanghai)")));
        Revision revision = a.revisedFrom() == null
                ? null
                : new Revision(
                        a.revisedFrom().factorVersion(),
                        a.revisedFrom().revisedBy(),
                        WHEN.format(a.revisedFrom().revisedAt()),
                        a.revisedFrom().history());

        List<Line> totals = a.totals().stream()
                .map(t -> new Line(
                        gasLabel(catalogue, t.gas()),
                        cell(t.calculated(), t.example()),
                        cell(t.reported(), false),
                        cell(t.difference(), t.example()),
                        pct(t.relativeDifference()),
                        notes(
                                t.reason(),
                                t.differenceNote(),
                                t.calculated() == null
                                        ? null
                                        : "核算部门 sectors: " + String.join(", ", t.calculatedSectors()))))
                .toList();
        Inventory.Co2e e = a.co2e();
        Line co2e = new Line(
                "CO2e",
                cell(e.calculated(), e.example()),
                cell(e.reported(), false),
                cell(e.difference(), e.example()),
                pct(e.relativeDifference()),
                notes(e.reason(), null, null));
        List<Line> co2eBySector = e.bySector().stream()
                .map(s -> new Line(
                        sectorLabel(s.sector()),
                        cell(s.calculated(), s.example()),
                        cell(s.reported(), false),
                        null,
                        null,
                        notes(s.reason(), null, null)))
                .toList();

        Map<String, List<Line>> bySector = new LinkedHashMap<>();
        for (Inventory.Row r : a.rows()) {
            bySector.computeIfAbsent(r.sector(), k -> new ArrayList<>())
                    .add(new Line(
                            gasLabel(catalogue, r.gas()),
                            cell(r.calculated(), r.example()),
                            cell(r.reported(), false),
                            cell(r.difference(), r.example()),
                            pct(r.relativeDifference()),
                            notes(
                                    r.status() == CalculationStatus.COMPUTED
                                            ? null
                                            : statusZh(r.status()) + " — " + r.reason(),
                                    r.differenceNote(),
                                    null)));
        }
        List<SectorLines> sectors = bySector.entrySet().stream()
                .map(s -> {
                    Sector sector = Sector.of(s.getKey());
                    return new SectorLines(sector.zh(), cap(sector.en()), s.getValue());
                })
                .toList();

        List<FuelLine> energy = new ArrayList<>();
        for (Inventory.FuelEnergy f : a.energy()) {
            energy.add(new FuelLine(
                    sectorLabel(f.sector()),
                    activityLabel(catalogue, f.fuel()),
                    fmt(f.quantity()) + " " + f.unit(),
                    f.ncv() == null ? "—" : fmt(f.ncv()) + " " + f.ncvUnit(),
                    cell(f.energyTJ(), false),
                    f.energyTJ() == null ? f.reason() : null));
        }
        a.energyByFuel()
                .forEach((fuel, tj) -> energy.add(
                        new FuelLine("合计 total", activityLabel(catalogue, fuel), "", "", cell(tj, false), null)));

        Map<String, FactorLine> used = new LinkedHashMap<>();
        for (Inventory.Row r : a.rows()) {
            for (Inventory.Contribution c : r.contributions()) {
                used.putIfAbsent(
                        r.gas() + "|" + c.activity() + "|" + c.factorSector(),
                        new FactorLine(
                                gasLabel(catalogue, r.gas()),
                                activityLabel(catalogue, c.activity()),
                                c.factorSector() == null ? "所有部门 all" : sectorLabel(c.factorSector()),
                                fmt(c.factor()) + " " + c.factorUnit(),
                                c.factorSource(),
                                c.example()));
            }
        }

        List<String> notes = new ArrayList<>();
        if (a.usesExampleFactors()) {
            notes.add(a.exampleNote());
        }
        a.rows().stream()
                .filter(r -> r.status() == CalculationStatus.MISSING_FACTOR)
                .forEach(r -> notes.add(
                        "无法核算 / not calculable: " + sectorLabel(r.sector()) + " " + r.gas() + " — " + r.reason()));
        a.notReported().forEach(s -> notes.add("未报送 / not reported: " + s));
        a.incomplete().forEach(s -> notes.add("数据不完整 / incomplete input: " + s));

        return new Page(
                titleZh,
                titleEn,
                meta,
                a.usesExampleFactors(),
                revision,
                totals,
                co2e,
                co2eBySector,
                sectors,
                energy,
                lib.version(),
                lib.description(),
                List.copyOf(used.values()),
                notes);
    }

    private static Cell cell(Double v, boolean example) {
        return v == null ? null : new Cell(fmt(v), example);
    }

    private static String pct(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%+.2f %%", v * 100);
    }

    private static List<String> notes(String... parts) {
        return Stream.of(parts)
                .filter(Objects::nonNull)
                .filter(s -> !s.isBlank())
                .toList();
    }

    /** Thousands separators; small quantities (a few kg of CH4) keep their significant digits. */
    static String fmt(double v) {
        if (v == 0) {
            return "0";
        }
        double abs = Math.abs(v);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%,.2f", v);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%,.3f", v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String gwp(Map<String, Double> gwp) {
        List<String> parts = new ArrayList<>();
        gwp.forEach((g, v) ->
                parts.add(g + " " + BigDecimal.valueOf(v).stripTrailingZeros().toPlainString()));
        return String.join(", ", parts);
    }

    private static String statusZh(CalculationStatus s) {
        return switch (s) {
            case COMPUTED -> "已核算";
            case NO_ACTIVITY_DATA -> "无活动水平数据 no activity data";
            case MISSING_FACTOR -> "缺少排放因子 missing factor";
            case NOT_MODELLED -> "未建模 not modelled";
        };
    }

    private static String sectorLabel(String code) {
        return Sector.find(code).map(s -> s.zh() + " " + s.code()).orElse(code);
    }

    private static String gasLabel(InventoryCatalogue catalogue, String gas) {
        return catalogue.gas(gas).map(g -> g.zh() + " " + g.code()).orElse(gas);
    }

    private static String activityLabel(InventoryCatalogue catalogue, String activity) {
        return catalogue.activity(activity).map(x -> x.zh() + " " + x.code()).orElse(activity);
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
