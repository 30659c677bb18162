package io.synergy.aggregation.assessment;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * The annual assessment report (年度评估考核报告) of the city or of one district as a printable page: attainment of every
 * target, the synergy degree and its history, the district ranking, co-reduction effects, key-project progress, pilots,
 * the inventory summary, and the state of the year's data. The page is the Qute template
 * {@code templates/AssessmentReportPage/report.html}, well-formed XHTML so that the same page prints as PDF
 * ({@link PdfDocuments}); its charts are SVG drawn on the server ({@link SvgCharts}). Qute escapes every value; only
 * the charts, which escape their own labels, are written raw. Chinese first, English alongside.
 */
public final class AssessmentReportPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance report(Page page);
    }

    /** Everything the page shows, formatted; an empty list prints as "no data" in its section. */
    public record Page(
            Heading heading,
            List<AttainmentLine> attainment,
            SynergyLine synergy,
            String historyChart,
            List<HistoryLine> history,
            String rankingChart,
            List<RankLine> ranking,
            List<EffectLine> effects,
            List<ProjectLine> projects,
            List<PilotLine> pilots,
            List<InventoryLine> inventory,
            List<DataSetLine> dataSets) {}

    /**
     * @param coverage     how much of the year's data is in, e.g. "17 / 19 项指标 indicators"
     * @param provisional  the year is not complete: every figure may still change
     * @param generatedAt  when the page was made, Asia/Shanghai
     */
    public record Heading(
            String orgUnit,
            String unitZh,
            String unitEn,
            String period,
            boolean provisional,
            String coverage,
            String generatedAt) {}

    public record AttainmentLine(
            String indicator,
            String zh,
            String en,
            String unit,
            String baseline,
            String value,
            String target,
            String targetYear,
            String targetSource,
            String document,
            String completion,
            String statusZh,
            String statusEn,
            String projection) {}

    public record SynergyLine(
            String d, String gradeZh, String gradeEn, String u1, String u2, String c, String t, String lagZh) {}

    public record HistoryLine(String period, String d, String gradeZh, boolean provisional) {}

    public record RankLine(String rank, String orgUnit, String zh, String d, String gradeZh) {}

    public record EffectLine(
            String pollutant,
            String years,
            String deltaP,
            String deltaC,
            String elasticity,
            String quadrantZh,
            String quadrantEn) {}

    /**
     * Key projects (重点工程) of one clause of the plan, of one district, or all of them (重点工程进展, the registry's
     * {@code /api/v1/projects/progress} of the year): counts by status at the end of the year, and per substance the
     * reductions delivered (verified, of the projects completed by then) against those planned, t/a.
     *
     * @param dimension  total, clause or district
     * @param label      the clause as the plan writes it (（三）) or the district's code
     * @param reductions one line per substance with a planned or delivered reduction: "NOx 226.637 / 300"
     */
    public record ProjectLine(
            String dimension,
            String label,
            String zh,
            String projects,
            String completed,
            String underConstruction,
            String planned,
            String cancelled,
            List<String> reductions) {}

    /** A pilot or designation (试点示范) of the unit or of a unit below it. */
    public record PilotLine(
            String orgUnit,
            String unitZh,
            String programmeZh,
            String industry,
            String level,
            String year,
            String statusZh,
            String status,
            String document) {}

    public record InventoryLine(String gasZh, String gas, String calculated, String reported) {}

    /** A sector's data set for the year: how complete and where it stands in review (填报、审核、审定). */
    public record DataSetLine(
            String sectorZh, String sector, String completeness, String approvalZh, String approvalEn) {}

    private AssessmentReportPage() {}

    /** The page as HTML. */
    public static String html(Page page) {
        return Templates.report(page).render();
    }
}
