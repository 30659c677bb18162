package io.synergy.aggregation.inventory;

import io.synergy.method.inventory.CalculationStatus;
import io.synergy.method.inventory.Inventory;
import io.synergy.model.catalogue.InventoryCatalogue;
import io.synergy.model.catalogue.Sector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The annual inventory report (清单报告) of an org unit as printable HTML: title, unit, year, factor version and sources,
 * totals and CO2 equivalent, tables by sector and gas, energy by fuel, the factors used, and notes on example factors,
 * missing data and what the inventory does not cover. Headings in Chinese and English. The page template (with its
 * print stylesheet) is {@code inventory/report.html}; every value placed in it is HTML-escaped, because factor sources
 * and descriptions are text an operator posted.
 */
final class InventoryReportPage {

    private static final String TEMPLATE = template();
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));
    /** Marks a figure computed with an example factor. */
    private static final String EXAMPLE_MARK = "<span class=\"example\" title=\"example factor\">*</span>";

    private InventoryReportPage() {
    }

    private static String template() {
        try (InputStream in = InventoryReportPage.class.getClassLoader().getResourceAsStream("inventory/report.html")) {
            if (in == null) {
                throw new IllegalStateException("inventory/report.html is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(InventoryAnswer a, InventoryCatalogue catalogue) {
        StringBuilder b = new StringBuilder();
        String unitZh = a.name() == null || a.name().zh() == null ? a.orgUnit() : a.name().zh();
        String unitEn = a.name() == null || a.name().en() == null ? "" : a.name().en();
        String titleZh = unitZh + " " + a.period() + " 年度大气污染物与温室气体融合排放清单";
        String titleEn = "Integrated air-pollutant and greenhouse-gas emission inventory — " + (unitEn.isBlank() ? a.orgUnit() : unitEn) + ", " + a.period();

        // ---- cover: what this is, for whom, with which factors
        b.append("<section class=\"first\">\n<h1>").append(esc(titleZh)).append("<span class=\"en\">").append(esc(titleEn)).append("</span></h1>\n");
        b.append("<table class=\"meta\"><tbody>\n");
        meta(b, "行政单元", "Org unit", esc(unitZh) + (unitEn.isBlank() ? "" : " / " + esc(unitEn)) + " (" + esc(a.orgUnit()) + ", " + esc(a.level()) + ")");
        meta(b, "清单年份", "Inventory year", esc(a.period()));
        InventoryAnswer.LibraryInfo lib = a.factorLibrary();
        meta(b, "排放因子版本", "Emission-factor version", "v" + lib.version() + " — " + esc(lib.description()) + "<br>"
                + esc(WHEN.format(lib.createdAt())) + ", " + esc(lib.createdBy()));
        meta(b, "全球增温潜势", "Global warming potentials", esc(gwp(a.co2e().gwp())) + " (" + esc(a.co2e().gwpSource()) + ")");
        meta(b, "数据完整性", "Completeness", a.complete() ? "完整 complete" : "不完整 incomplete — see notes / 见说明");
        meta(b, "生成时间", "Generated", esc(WHEN.format(a.computedAt())) + " (Asia/Shanghai)");
        b.append("</tbody></table>\n");
        if (a.usesExampleFactors()) {
            b.append("<p class=\"banner\"><strong>示例排放因子 / Example factors.</strong> 标 ").append(EXAMPLE_MARK)
                    .append(" 的数值由示例排放因子计算,仅供演示,须由市生态环境局确认或替换。 Figures marked ").append(EXAMPLE_MARK)
                    .append(" are computed with EXAMPLE factors shipped for demonstration; the ecology bureau must confirm or replace them.</p>\n");
        }
        if (a.revisedFrom() != null) {
            b.append("<p class=\"banner revised\"><strong>因子修订 / Factor revision.</strong> 本清单数值已由因子版本 v").append(a.revisedFrom().revisedBy())
                    .append(" 修订(此前为 v").append(a.revisedFrom().factorVersion()).append(", ").append(esc(WHEN.format(a.revisedFrom().revisedAt())))
                    .append(")。 These figures were revised by factor version v").append(a.revisedFrom().revisedBy()).append(" (before: v")
                    .append(a.revisedFrom().factorVersion()).append("); earlier figures: ").append(esc(a.revisedFrom().history())).append("</p>\n");
        }

        // ---- totals
        b.append("<h2>一、排放总量<span class=\"en\">1. Totals over all sectors</span></h2>\n");
        b.append("<table><thead><tr>").append(th("气体/污染物", "Gas")).append(th("核算值 (t)", "Calculated (t)")).append(th("报送值 (t)", "Reported (t)"))
                .append(th("差值 (t)", "Difference (t)")).append(th("相对差", "Relative")).append(th("说明", "Notes")).append("</tr></thead><tbody>\n");
        for (Inventory.Total t : a.totals()) {
            b.append("<tr><td>").append(gasLabel(catalogue, t.gas())).append("</td>").append(num(t.calculated(), t.example())).append(num(t.reported(), false))
                    .append(num(t.difference(), t.example())).append(pct(t.relativeDifference())).append(note(t.reason(), t.differenceNote(),
                            t.calculated() == null ? null : "核算部门 sectors: " + String.join(", ", t.calculatedSectors())))
                    .append("</tr>\n");
        }
        Inventory.Co2e e = a.co2e();
        b.append("<tr><td><strong>二氧化碳当量</strong><br>CO2 equivalent (t CO2e)</td>").append(num(e.calculated(), e.example())).append(num(e.reported(), false))
                .append(num(e.difference(), e.example())).append(pct(e.relativeDifference())).append(note(e.reason(), null, null)).append("</tr>\n");
        b.append("</tbody></table>\n");
        if (!e.bySector().isEmpty()) {
            b.append("<h3>分部门二氧化碳当量<span class=\"en\">CO2 equivalent by sector (t CO2e)</span></h3>\n<table><thead><tr>")
                    .append(th("部门", "Sector")).append(th("核算值", "Calculated")).append(th("报送值", "Reported")).append(th("说明", "Notes"))
                    .append("</tr></thead><tbody>\n");
            for (Inventory.SectorCo2e s : e.bySector()) {
                b.append("<tr><td>").append(sectorLabel(s.sector())).append("</td>").append(num(s.calculated(), s.example())).append(num(s.reported(), false))
                        .append(note(s.reason(), null, null)).append("</tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append("</section>\n");

        // ---- by sector
        b.append("<section>\n<h2>二、分部门排放<span class=\"en\">2. Emissions by sector</span></h2>\n");
        Map<String, List<Inventory.Row>> bySector = new LinkedHashMap<>();
        a.rows().forEach(r -> bySector.computeIfAbsent(r.sector(), k -> new ArrayList<>()).add(r));
        if (bySector.isEmpty()) {
            b.append("<p>无 / none</p>\n");
        }
        for (Map.Entry<String, List<Inventory.Row>> s : bySector.entrySet()) {
            Sector sector = Sector.of(s.getKey());
            b.append("<h3>").append(esc(sector.zh())).append("<span class=\"en\">").append(esc(cap(sector.en()))).append("</span></h3>\n<table><thead><tr>")
                    .append(th("气体/污染物", "Gas")).append(th("核算值 (t)", "Calculated (t)")).append(th("报送值 (t)", "Reported (t)"))
                    .append(th("差值 (t)", "Difference (t)")).append(th("相对差", "Relative")).append(th("说明", "Notes")).append("</tr></thead><tbody>\n");
            for (Inventory.Row r : s.getValue()) {
                b.append("<tr><td>").append(gasLabel(catalogue, r.gas())).append("</td>").append(num(r.calculated(), r.example()))
                        .append(num(r.reported(), false)).append(num(r.difference(), r.example())).append(pct(r.relativeDifference()))
                        .append(note(r.status() == CalculationStatus.COMPUTED ? null : statusZh(r.status()) + " — " + r.reason(), r.differenceNote(), null))
                        .append("</tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append("</section>\n");

        // ---- energy
        b.append("<section>\n<h2>三、能源消费<span class=\"en\">3. Fuel use and energy (net calorific basis)</span></h2>\n");
        if (a.energy().isEmpty()) {
            b.append("<p>未报送燃料消费数据 / no fuel use reported</p>\n");
        } else {
            b.append("<table><thead><tr>").append(th("部门", "Sector")).append(th("燃料", "Fuel")).append(th("实物量", "Quantity"))
                    .append(th("低位发热量", "Net calorific value")).append(th("能量 (TJ)", "Energy (TJ)")).append("</tr></thead><tbody>\n");
            for (Inventory.FuelEnergy f : a.energy()) {
                b.append("<tr><td>").append(sectorLabel(f.sector())).append("</td><td>").append(activityLabel(catalogue, f.fuel())).append("</td>")
                        .append("<td class=\"n\">").append(fmt(f.quantity())).append(' ').append(esc(f.unit())).append("</td>")
                        .append("<td class=\"n\">").append(f.ncv() == null ? "—" : fmt(f.ncv()) + " " + esc(f.ncvUnit())).append("</td>")
                        .append(f.energyTJ() == null ? "<td class=\"note\">" + esc(f.reason()) + "</td>" : num(f.energyTJ(), false)).append("</tr>\n");
            }
            for (Map.Entry<String, Double> t : a.energyByFuel().entrySet()) {
                b.append("<tr><td><strong>合计</strong> total</td><td>").append(activityLabel(catalogue, t.getKey())).append("</td><td></td><td></td>")
                        .append(num(t.getValue(), false)).append("</tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append("</section>\n");

        // ---- factors and sources
        b.append("<section>\n<h2>四、排放因子及来源<span class=\"en\">4. Emission factors used and their sources</span></h2>\n");
        b.append("<p>因子版本 / factor version v").append(lib.version()).append(": ").append(esc(lib.description())).append("</p>\n");
        Map<String, String[]> used = new LinkedHashMap<>();
        for (Inventory.Row r : a.rows()) {
            for (Inventory.Contribution c : r.contributions()) {
                String key = r.gas() + "|" + c.activity() + "|" + c.factorSector();
                used.putIfAbsent(key, new String[] {gasLabel(catalogue, r.gas()), activityLabel(catalogue, c.activity()),
                        c.factorSector() == null ? "所有部门 all" : sectorLabel(c.factorSector()), fmt(c.factor()) + " " + esc(c.factorUnit()),
                        esc(c.factorSource()) + (c.example() ? " " + EXAMPLE_MARK : "")});
            }
        }
        if (used.isEmpty()) {
            b.append("<p>本清单未使用排放因子 / no factor was used (no activity data)</p>\n");
        } else {
            b.append("<table><thead><tr>").append(th("气体", "Gas")).append(th("活动", "Activity")).append(th("适用部门", "Sector"))
                    .append(th("因子", "Factor")).append(th("来源", "Source")).append("</tr></thead><tbody>\n");
            for (String[] row : used.values()) {
                b.append("<tr><td>").append(row[0]).append("</td><td>").append(row[1]).append("</td><td>").append(row[2]).append("</td><td class=\"n\">")
                        .append(row[3]).append("</td><td class=\"note\">").append(row[4]).append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append("<p>核算方法 / method: 燃料 E = 活动量 × 低位发热量 × 排放因子 (per TJ) 或 E = 活动量 × 排放因子 (per unit); ")
                .append("fuels: E = quantity × NCV × factor (per TJ) or quantity × factor (per unit of activity); processes: E = activity × factor.</p>\n");
        b.append("</section>\n");

        // ---- notes
        b.append("<section>\n<h2>五、说明<span class=\"en\">5. Notes</span></h2>\n<ul class=\"notes\">\n");
        if (a.usesExampleFactors()) {
            b.append("<li>").append(esc(a.exampleNote())).append("</li>\n");
        }
        for (Inventory.Row r : a.rows()) {
            if (r.status() == CalculationStatus.MISSING_FACTOR) {
                b.append("<li>无法核算 / not calculable: ").append(sectorLabel(r.sector())).append(' ').append(esc(r.gas())).append(" — ")
                        .append(esc(r.reason())).append("</li>\n");
            }
        }
        for (String s : a.notReported()) {
            b.append("<li>未报送 / not reported: ").append(esc(s)).append("</li>\n");
        }
        for (String s : a.incomplete()) {
            b.append("<li>数据不完整 / incomplete input: ").append(esc(s)).append("</li>\n");
        }
        b.append("<li>核算值仅覆盖燃料燃烧和已建模的工艺过程(水泥熟料、生活垃圾焚烧);报送值可能包含其他排放源(如农业甲烷、溶剂挥发),两者之差亦反映这一范围差异。")
                .append(" Calculated figures cover fuel combustion and the modelled processes (cement clinker, waste incineration) only; reported figures may")
                .append(" include other sources (enteric CH4, solvents…), so the difference also reflects that gap in scope.</li>\n");
        b.append("<li>未包括: 设施级实测数据、土地利用变化和林业 (LULUCF)、外购电力间接排放、分车型移动源模型。 Not covered: facility-level measured")
                .append(" data, LULUCF, indirect emissions of purchased electricity, vehicle-type mobile-source models (see docs/inventory.md).</li>\n");
        b.append("</ul>\n<footer>").append(esc(titleEn)).append(" · factor version v").append(lib.version()).append(" · Synergy, 青岛市减污降碳协同增效</footer>\n");
        b.append("</section>\n");

        return TEMPLATE.replace("{{title}}", esc(titleZh + " / " + titleEn)).replace("{{body}}", b.toString());
    }

    private static void meta(StringBuilder b, String zh, String en, String valueHtml) {
        b.append("<tr><th>").append(zh).append("<span class=\"en\">").append(en).append("</span></th><td>").append(valueHtml).append("</td></tr>\n");
    }

    private static String th(String zh, String en) {
        return "<th>" + zh + "<span class=\"en\">" + en + "</span></th>";
    }

    private static String num(Double v, boolean example) {
        return v == null ? "<td class=\"n\">—</td>" : "<td class=\"n\">" + fmt(v) + (example ? EXAMPLE_MARK : "") + "</td>";
    }

    private static String pct(Double v) {
        return v == null ? "<td class=\"n\">—</td>" : "<td class=\"n\">" + String.format(Locale.ROOT, "%+.2f %%", v * 100) + "</td>";
    }

    private static String note(String a, String b, String c) {
        List<String> parts = new ArrayList<>();
        for (String s : new String[] {a, b, c}) {
            if (s != null && !s.isBlank()) {
                parts.add(esc(s));
            }
        }
        return "<td class=\"note\">" + String.join("<br>", parts) + "</td>";
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
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String gwp(Map<String, Double> gwp) {
        List<String> parts = new ArrayList<>();
        gwp.forEach((g, v) -> parts.add(g + " " + java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString()));
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
        return Sector.find(code).map(s -> esc(s.zh()) + " " + esc(s.code())).orElse(esc(code));
    }

    private static String gasLabel(InventoryCatalogue catalogue, String gas) {
        return catalogue.gas(gas).map(g -> esc(g.zh()) + " " + esc(g.code())).orElse(esc(gas));
    }

    private static String activityLabel(InventoryCatalogue catalogue, String activity) {
        return catalogue.activity(activity).map(x -> esc(x.zh()) + " " + esc(x.code())).orElse(esc(activity));
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
