package io.synergy.sector.read;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.IndicatorValue;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.period.Period;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.read.AnswerMemo;
import io.synergy.platform.tabular.Tabular;
import io.synergy.sector.compute.PeriodRollUp;
import io.synergy.sector.compute.PeriodRollUp.PeriodValue;
import io.synergy.sector.compute.SectorCalculator;
import io.synergy.sector.config.SectorConfig;
import io.synergy.sector.model.UnitYear;
import io.synergy.sector.read.CompletenessView.DataElementCompleteness;
import io.synergy.sector.read.CompletenessView.DistrictCompleteness;
import io.synergy.sector.read.IndicatorsView.IndicatorFigure;
import io.synergy.sector.read.IndicatorsView.OrgUnitIndicators;
import io.synergy.sector.store.DataValueStore;
import io.synergy.sector.store.DataValueStore.Receipt;
import io.synergy.sector.store.DataVersionStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sector's figures for any period, computed from the current data values, and who has reported what. Each answer is
 * computed once per org units' snapshot and data version of its year, and served from memory until either changes
 * ({@link AnswerMemo}), with each format's bytes rendered at its first response ({@link Tabular#kept()}): a read costs one
 * lookup of the year's version while nobody writes that year, and no serialisation.
 */
@ApplicationScoped
public class IndicatorQueries {

    /**
     * Questions kept per kind of answer: a year with its quarters and months is 17. An answer of all districts weighs tens
     * of KB (and as much again for its rendered JSON, more with a CSV or workbook asked for), and the service's heap is 64
     * MB in the local run: the cap keeps the worst case near 8 MB.
     */
    static final int ANSWERS_KEPT = 32;

    private record IndicatorsQuestion(Period period, String district) {}

    private final DataValueStore values;
    private final DataVersionStore versions;
    private final OrgUnitRegistry registry;
    private final Catalogue catalogue;
    private final SectorConfig config;
    private final SectorCalculator calculator;
    // kept with their rendered bytes (Tabular.kept()): a read serialises nothing
    private final AnswerMemo<IndicatorsQuestion, Tabular<IndicatorsView>> indicatorAnswers;
    private final AnswerMemo<Period, Tabular<CompletenessView>> completenessAnswers;

    public IndicatorQueries(
            DataValueStore values,
            DataVersionStore versions,
            OrgUnitRegistry registry,
            Catalogue catalogue,
            SectorConfig config) {
        this.values = values;
        this.versions = versions;
        this.registry = registry;
        this.catalogue = catalogue;
        this.config = config;
        this.calculator = new SectorCalculator(catalogue, config.code());
        this.indicatorAnswers = new AnswerMemo<>(ANSWERS_KEPT, config.answerMaxAge());
        this.completenessAnswers = new AnswerMemo<>(ANSWERS_KEPT, config.answerMaxAge());
    }

    /**
     * Districts from their data values rolled up to the period by aggregation type; the city and the groups from their
     * districts' summed numerators and denominators.
     *
     * @param district one district, the city or a group; {@code null} for all
     * @throws ProblemException 400 naming {@code district} when it is not an org unit
     */
    public Tabular<IndicatorsView> indicators(Period period, String district) {
        OrgUnits orgUnits = registry.current();
        if (district != null && orgUnits.find(district).isEmpty()) {
            throw ProblemException.invalid(
                    "Unknown org unit", List.of(new FieldError("district", "'" + district + "' is not an org unit")));
        }
        long version = versions.version(period.year());
        return indicatorAnswers.get(
                new IndicatorsQuestion(period, district),
                orgUnits,
                version,
                () -> computeIndicators(orgUnits, period, district).tabular().kept());
    }

    private IndicatorsView computeIndicators(OrgUnits orgUnits, Period period, String district) {
        List<UnitYear> keys = orgUnits.districts().stream()
                .map(d -> new UnitYear(d.code(), period.year()))
                .toList();
        Map<UnitYear, Map<String, List<PeriodValue>>> stored = values.values(keys);
        Map<String, List<SectorCalculator.Output>> byDistrict = new LinkedHashMap<>();
        for (UnitYear k : keys) {
            byDistrict.put(
                    k.orgUnit(), calculator.compute(calculator.totals(period, stored.getOrDefault(k, Map.of()))));
        }
        List<OrgUnitIndicators> units = new ArrayList<>();
        for (OrgUnit unit : orgUnits.all()) {
            if (district != null && !district.equals(unit.code())) {
                continue;
            }
            List<IndicatorFigure> figures = new ArrayList<>();
            if (unit.districtsToSum().size() == 1
                    && unit.code().equals(unit.districtsToSum().get(0))) {
                for (SectorCalculator.Output o : byDistrict.get(unit.code())) {
                    figures.add(figure(o, o.value(), o.complete()));
                }
            } else {
                List<List<SectorCalculator.Output>> parts =
                        unit.districtsToSum().stream().map(byDistrict::get).toList();
                Map<String, IndicatorValue> rolled = calculator.rollUp(parts);
                for (SectorCalculator.Output o : byDistrict.values().iterator().next()) {
                    boolean complete = parts.stream()
                            .allMatch(p -> p.stream().anyMatch(x -> x.code().equals(o.code()) && x.complete()));
                    figures.add(figure(o, rolled.get(o.code()), complete));
                }
            }
            units.add(new OrgUnitIndicators(
                    unit.code(), unit.level(), new Name(unit.zh(), unit.en()), List.copyOf(figures)));
        }
        return new IndicatorsView(config.code().code(), period.toString(), List.copyOf(units));
    }

    private static IndicatorFigure figure(SectorCalculator.Output o, IndicatorValue v, boolean complete) {
        return new IndicatorFigure(
                o.code(), o.kind(), v.value(), v.numerator(), v.denominator(), o.unit(), v.present() && complete);
    }

    /** Which district reported which data elements within the period (or for a period containing it), for which periods, and when last. */
    public Tabular<CompletenessView> completeness(Period period) {
        OrgUnits orgUnits = registry.current();
        long version = versions.version(period.year());
        return completenessAnswers.get(
                period,
                orgUnits,
                version,
                () -> computeCompleteness(orgUnits, period).tabular().kept());
    }

    private CompletenessView computeCompleteness(OrgUnits orgUnits, Period period) {
        // org unit → data element → what was received, in period order
        Map<String, Map<String, List<Receipt>>> seen = new TreeMap<>();
        for (Receipt r : values.receipts(period.year())) {
            if (period.contains(r.period()) || r.period().contains(period)) {
                seen.computeIfAbsent(r.orgUnit(), k -> new TreeMap<>())
                        .computeIfAbsent(r.dataElement(), k -> new ArrayList<>())
                        .add(r);
            }
        }
        List<DataElement> elements = catalogue.dataElements(config.code());
        List<DistrictCompleteness> districts = new ArrayList<>();
        for (OrgUnit d : orgUnits.districts()) {
            Map<String, List<Receipt>> got = seen.getOrDefault(d.code(), Map.of());
            List<DataElementCompleteness> rows = new ArrayList<>();
            int reported = 0;
            for (DataElement de : elements) {
                List<Receipt> receipts = got.get(de.code());
                if (receipts == null) {
                    rows.add(new DataElementCompleteness(de.code(), false, null, null, null, null));
                    continue;
                }
                reported++;
                Receipt last = receipts.get(0);
                for (Receipt r : receipts) {
                    if (r.receivedAt().isAfter(last.receivedAt())) {
                        last = r;
                    }
                }
                PeriodRollUp.Total total = PeriodRollUp.rollUp(
                        period,
                        de.aggregation(),
                        receipts.stream()
                                .map(r -> new PeriodValue(r.period(), 0))
                                .toList());
                rows.add(new DataElementCompleteness(
                        de.code(),
                        true,
                        receipts.stream().map(r -> r.period().toString()).toList(),
                        last.receivedAt(),
                        last.reportId(),
                        total != null && total.complete()));
            }
            districts.add(new DistrictCompleteness(
                    d.code(), new Name(d.zh(), d.en()), reported, elements.size(), List.copyOf(rows)));
        }
        return new CompletenessView(config.code().code(), period.toString(), List.copyOf(districts));
    }
}
