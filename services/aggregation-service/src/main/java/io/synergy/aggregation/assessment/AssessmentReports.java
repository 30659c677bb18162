package io.synergy.aggregation.assessment;

import io.synergy.aggregation.assessment.AssessmentReportPage.AttainmentLine;
import io.synergy.aggregation.assessment.AssessmentReportPage.DataSetLine;
import io.synergy.aggregation.assessment.AssessmentReportPage.EffectLine;
import io.synergy.aggregation.assessment.AssessmentReportPage.Heading;
import io.synergy.aggregation.assessment.AssessmentReportPage.HistoryLine;
import io.synergy.aggregation.assessment.AssessmentReportPage.InventoryLine;
import io.synergy.aggregation.assessment.AssessmentReportPage.Page;
import io.synergy.aggregation.assessment.AssessmentReportPage.PilotLine;
import io.synergy.aggregation.assessment.AssessmentReportPage.ProjectLine;
import io.synergy.aggregation.assessment.AssessmentReportPage.RankLine;
import io.synergy.aggregation.assessment.AssessmentReportPage.SynergyLine;
import io.synergy.aggregation.assessment.SvgCharts.Point;
import io.synergy.aggregation.inventory.InventoryAnswer;
import io.synergy.aggregation.inventory.InventoryService;
import io.synergy.aggregation.projects.ProjectsAndPilots;
import io.synergy.aggregation.store.DataSetStore;
import io.synergy.aggregation.store.ResultStore;
import io.synergy.method.effects.Quadrant;
import io.synergy.method.results.UnitYearResult;
import io.synergy.method.results.YearCoverage;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.PilotEvent;
import io.synergy.model.event.ProjectEvent;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.project.ProjectProgress;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.query.Queries;
import io.synergy.results.view.AttainmentView;
import io.synergy.results.view.DistrictRanking;
import io.synergy.results.view.HistoryView;
import io.synergy.results.view.ResultAnswers;
import io.synergy.results.view.ResultDocument;
import io.synergy.results.view.ResultView;
import io.synergy.results.view.SynergyView;
import io.synergy.results.view.UnitSynergyView;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the assessment report of a unit and year from the same answers the read API gives — {@link ResultAnswers}
 * over the stored results, the inventory — so that every figure in the report is the API's figure for that year. The
 * key projects and pilots are those of projects.v1 and pilots.v1 ({@link ProjectsAndPilots}); their progress is the
 * registry's own computation ({@link ProjectProgress}, its {@code /api/v1/projects/progress}). The data sets' review
 * states are not read here yet: that section says there is no data.
 */
@ApplicationScoped
public class AssessmentReports {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    private final ResultStore results;
    private final OrgUnitRegistry registry;
    private final InventoryService inventory;
    private final PdfDocuments pdf;
    private final ProjectsAndPilots projects;
    private final DataSetStore dataSets;

    AssessmentReports(
            ResultStore results,
            OrgUnitRegistry registry,
            InventoryService inventory,
            ProjectsAndPilots projects,
            DataSetStore dataSets,
            @ConfigProperty(
                            name = "synergy.assessment.pdf-font",
                            defaultValue = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
                    Path font) {
        this.results = results;
        this.registry = registry;
        this.inventory = inventory;
        this.projects = projects;
        this.dataSets = dataSets;
        this.pdf = new PdfDocuments(font);
    }

    /** The report's page; a year without results for the unit is a 404 problem, a bad parameter a 400 naming it. */
    public Page page(String period, String orgUnit) {
        OrgUnits units = registry.current();
        int year = Queries.year("period", period);
        OrgUnit unit = Queries.orgUnit(units, orgUnit);
        AttainmentView attainment = ResultAnswers.attainment(results, units, null, period, unit.code());
        ResultDocument document =
                results.find(ResultView.LATEST, unit.code(), year).orElseThrow();
        SynergyView synergy = ResultAnswers.synergy(results, units, null, period, unit.code(), null, null, null);
        Optional<HistoryView> history =
                optional(() -> ResultAnswers.history(results, units, null, unit.code(), null, null, null));
        Optional<DistrictRanking> ranking = unit.code().equals(units.city().code())
                ? optional(() -> ResultAnswers.districts(results, units, null, period, null, null))
                : Optional.empty();
        Optional<InventoryAnswer> inventoryAnswer = optional(() -> inventory.inventory(unit.code(), year));

        YearCoverage coverage = attainment.coverage();
        Heading heading = new Heading(
                unit.code(),
                unit.zh(),
                unit.en(),
                attainment.period(),
                attainment.provisional(),
                coverage == null
                        ? "—"
                        : coverage.indicatorsIn() + " / " + coverage.indicatorsExpected() + " 项指标 indicators · "
                                + coverage.districtsIn() + " / " + coverage.districtsExpected() + " 区市 districts",
                WHEN.format(Instant.now()));

        List<AttainmentLine> attainmentLines = attainment.indicators().stream()
                .map(a -> new AttainmentLine(
                        a.indicator(),
                        a.zh(),
                        a.en(),
                        a.unit(),
                        number(a.baseline()),
                        number(a.value()),
                        number(a.target()),
                        a.targetYear() == null ? "—" : a.targetYear().toString(),
                        a.targetSource() == null ? "—" : a.targetSource(),
                        (a.targetDocument() == null ? "" : a.targetDocument())
                                + (a.e5Basis() == null ? "" : " E5 口径 basis: " + a.e5Basis()),
                        a.completion() == null ? "—" : String.format(Locale.ROOT, "%.2f %%", 100 * a.completion()),
                        statusZh(a.status()),
                        a.status(),
                        a.projection() == null
                                ? "—"
                                : number(a.projection().value()) + " ("
                                        + a.projection().year() + ") "
                                        + (a.projection().meetsTarget() ? "达标 meets" : "未达标 misses")))
                .toList();

        SynergyLine synergyLine = synergy.computable() && synergy.score() != null
                ? new SynergyLine(
                        d(synergy.score().d()),
                        synergy.score().grade().zh(),
                        synergy.score().grade().en(),
                        d(synergy.score().u1()),
                        d(synergy.score().u2()),
                        d(synergy.score().c()),
                        d(synergy.score().t()),
                        synergy.lagZh() == null ? "—" : synergy.lagZh())
                : null;

        List<HistoryView.HistoryYear> years = history.map(HistoryView::years).orElse(List.of());
        List<HistoryLine> historyLines = years.stream()
                .map(h -> new HistoryLine(
                        h.period(),
                        h.computable() && h.score() != null ? d(h.score().d()) : "—",
                        h.computable() && h.score() != null ? h.score().grade().zh() : "—",
                        h.provisional()))
                .toList();
        String historyChart = SvgCharts.line(
                years.stream()
                        .map(h -> new Point(
                                h.period(),
                                h.computable() && h.score() != null ? h.score().d() : null))
                        .toList(),
                0,
                1,
                "协同度 D " + unit.zh());

        List<DistrictRanking.RankedDistrict> ranked =
                ranking.map(DistrictRanking::districts).orElse(List.of());
        List<RankLine> rankLines = ranked.stream()
                .map(r -> new RankLine(
                        r.rank() == null ? "—" : r.rank().toString(),
                        r.synergy().orgUnit(),
                        r.name().zh(),
                        r.synergy().score() == null
                                ? "—"
                                : d(r.synergy().score().d()),
                        r.synergy().score() == null
                                ? "—"
                                : r.synergy().score().grade().zh()))
                .toList();
        String rankingChart = SvgCharts.bars(
                ranked.stream()
                        .map(r -> new Point(
                                r.name().zh(),
                                r.synergy().score() == null
                                        ? null
                                        : r.synergy().score().d()))
                        .toList(),
                1,
                "协同度 D 各区市 districts");

        List<EffectLine> effects = document.result().effects().stream()
                .map(AssessmentReports::effect)
                .toList();
        List<InventoryLine> inventoryLines = inventoryAnswer
                .map(a -> a.totals().stream()
                        .map(t -> new InventoryLine(t.gas(), t.gas(), number(t.calculated()), number(t.reported())))
                        .toList())
                .orElse(List.of());

        return new Page(
                heading,
                attainmentLines,
                synergyLine,
                historyChart,
                historyLines,
                rankingChart,
                rankLines,
                effects,
                projectLines(progress(year, unit, units)),
                pilotLines(unit, units),
                inventoryLines,
                dataSetLines(year, unit, units));
    }

    /**
     * Per sector, the data sets of the districts the unit covers in the reporting cycle (docs/reporting-cycle.md): how
     * many were submitted at least, and how many stand at each step of the review.
     */
    List<DataSetLine> dataSetLines(int year, OrgUnit unit, OrgUnits units) {
        Set<String> districts = DataSetStore.districtsOf(units, unit.code());
        Map<DataSetStore.Key, String> states = dataSets.states(year);
        List<DataSetLine> lines = new ArrayList<>();
        for (Sector s : Sector.values()) {
            Map<String, Integer> counts = new HashMap<>();
            for (String d : districts) {
                counts.merge(states.getOrDefault(new DataSetStore.Key(s.code(), d, year), "OPEN"), 1, Integer::sum);
            }
            int accepted = counts.getOrDefault("ACCEPTED", 0);
            int approved = counts.getOrDefault("APPROVED", 0);
            int submitted = counts.getOrDefault("SUBMITTED", 0);
            int open = counts.getOrDefault("OPEN", 0);
            lines.add(new DataSetLine(
                    s.zh(),
                    s.en(),
                    "已报送 submitted " + (accepted + approved + submitted) + " / " + districts.size(),
                    "已审定 " + accepted + " · 已审核 " + approved + " · 待审核 " + submitted + " · 未报送或退回 " + open,
                    "accepted " + accepted + " · approved " + approved + " · submitted " + submitted
                            + " · open or returned " + open));
        }
        return lines;
    }

    /** The key projects' progress of the unit at the end of the year, as the registry's API computes it. */
    ProjectProgress progress(int year, OrgUnit unit, OrgUnits units) {
        Set<String> within = units.within(unit.code());
        List<ProjectEvent> own = projects.projects().stream()
                .filter(p -> within.contains(p.orgUnit()))
                .toList();
        return ProjectProgress.of(year, unit, own, units, projects.catalogue());
    }

    private static List<ProjectLine> projectLines(ProjectProgress progress) {
        if (progress.total().projects() == 0) {
            return List.of();
        }
        List<ProjectLine> lines = new ArrayList<>();
        lines.add(projectLine(progress.total(), "合计 total"));
        progress.byClause().forEach(r -> lines.add(projectLine(r, r.zh())));
        progress.byDistrict().forEach(r -> lines.add(projectLine(r, r.zh())));
        return lines;
    }

    private static ProjectLine projectLine(ProjectProgress.ProgressRow r, String zh) {
        List<String> reductions = r.reductions().stream()
                .filter(x -> x.planned().signum() != 0 || x.delivered().signum() != 0)
                .map(x -> x.substance().en() + " " + x.delivered().toPlainString() + " / "
                        + x.planned().toPlainString())
                .toList();
        return new ProjectLine(
                r.dimension(),
                r.dimension().equals(ProjectProgress.TOTAL) ? "" : r.label(),
                zh,
                Integer.toString(r.projects()),
                Integer.toString(r.byStatus().completed()),
                Integer.toString(r.byStatus().underConstruction()),
                Integer.toString(r.byStatus().planned()),
                Integer.toString(r.byStatus().cancelled()),
                reductions);
    }

    private List<PilotLine> pilotLines(OrgUnit unit, OrgUnits units) {
        Set<String> within = units.within(unit.code());
        return projects.pilots().stream()
                .filter(p -> within.contains(p.orgUnit()))
                .sorted(Comparator.comparing(PilotEvent::orgUnit).thenComparing(PilotEvent::code))
                .map(p -> {
                    UnitSynergyView.Designation d = projects.designation(p);
                    return new PilotLine(
                            p.orgUnit(),
                            units.find(p.orgUnit()).map(OrgUnit::zh).orElse(p.orgUnit()),
                            d.programmeZh(),
                            p.industry(),
                            p.level().zh(),
                            p.yearDesignated() == null
                                    ? "—"
                                    : p.yearDesignated().toString(),
                            p.status().zh(),
                            p.status().name(),
                            p.document() == null ? "—" : p.document());
                })
                .toList();
    }

    /** The page as HTML. */
    public String html(String period, String orgUnit) {
        return AssessmentReportPage.html(page(period, orgUnit));
    }

    /** The page printed as PDF; 503 when the CJK font is not installed (the PDF would have no Chinese). */
    public byte[] pdf(String period, String orgUnit) {
        String html = html(period, orgUnit);
        if (!pdf.available()) {
            throw new ProblemException(
                    503,
                    "report-font-missing",
                    "Report font missing",
                    "the report's CJK font " + pdf.font() + " is not installed (synergy.assessment.pdf-font)");
        }
        return pdf.print(html);
    }

    private static EffectLine effect(UnitYearResult.EffectRow e) {
        String quadrantEn = "—";
        if (e.quadrant() != null) {
            try {
                quadrantEn = Quadrant.valueOf(e.quadrant()).en();
            } catch (IllegalArgumentException unknown) {
                quadrantEn = e.quadrant();
            }
        }
        return new EffectLine(
                e.pollutant(),
                e.from() + "→" + e.to(),
                d6(e.deltaP()),
                d6(e.deltaC()),
                e.elasticity() == null ? "—" : String.format(Locale.ROOT, "%.3f", e.elasticity()),
                e.quadrantZh() == null ? (e.reason() == null ? "—" : e.reason()) : e.quadrantZh(),
                quadrantEn);
    }

    private static <T> Optional<T> optional(Supplier<T> answer) {
        try {
            return Optional.of(answer.get());
        } catch (ProblemException noData) {
            if (noData.status() != 404) {
                throw noData;
            }
            // a part without data (no history yet, no district results, no inventory) is a section saying so
            return Optional.empty();
        }
    }

    private static String statusZh(String status) {
        return switch (status) {
            case "ACHIEVED" -> "已达标";
            case "ON_TRACK" -> "符合序时进度";
            case "LAGGING" -> "滞后";
            case "OFF_TRACK" -> "严重滞后";
            case "NO_DATA" -> "无数据";
            case UnitYearResult.AttainmentRow.NO_TARGET -> "无目标";
            default -> status;
        };
    }

    private static String number(Double v) {
        if (v == null) {
            return "—";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.2f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String d(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String d6(Double v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%.6f", v);
    }
}
