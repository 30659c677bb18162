package io.synergy.console.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.synergy.method.results.Fact;
import io.synergy.method.results.IndicatorTable;
import io.synergy.method.results.MethodSettings;
import io.synergy.method.results.ResultCalculator;
import io.synergy.method.results.UnitYearResult;
import io.synergy.method.results.YearState;
import io.synergy.method.results.YearStates;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.results.view.DataSets;
import io.synergy.results.view.ResultView;
import io.synergy.testsupport.KafkaTestClient;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plays the aggregation for the console's tests: keeps the facts of the indicator events a test sends (highest revision
 * wins), computes every result with the method's own calculator ({@link ResultCalculator}, synergy-method) in both views —
 * latest from every fact, official from the facts of the data sets the test accepted — and publishes each changed one on
 * {@code results.v1} as the aggregation does — key {@code <orgUnit>:<year>} (latest) or {@code <orgUnit>:<year>:official},
 * value {@code {version, computedAt, view, dataSets, result}} — so the console is tested against the documents it reads in
 * production.
 */
final class ResultsPublisher {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaTestClient kafka;
    private final Catalogue catalogue = Catalogue.load();
    private final OrgUnits units = OrgUnits.load();
    private final Map<String, Fact> facts = new HashMap<>();
    private final Map<String, Long> revisions = new HashMap<>();
    private final Map<String, String> published = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<Integer, YearState> closed = new HashMap<>();
    private final Map<String, String> sectorOf = new HashMap<>();
    private final Set<String> accepted = new HashSet<>();

    ResultsPublisher(KafkaTestClient kafka) {
        this.kafka = kafka;
    }

    /** The fact an indicator event makes, as the aggregation's fact table keeps it. */
    void add(IndicatorEvent e) {
        String key = e.code() + "|" + e.orgUnit() + "|" + e.period();
        if (revisions.getOrDefault(key, 0L) <= e.revision()) {
            revisions.put(key, e.revision());
            sectorOf.put(key, e.sector());
            facts.put(
                    key,
                    new Fact(
                            e.code(),
                            e.orgUnit(),
                            Integer.parseInt(e.period()),
                            e.value(),
                            e.numerator(),
                            e.denominator(),
                            e.complete()));
        }
    }

    /** Ops close a year (POST /api/v1/years/{year}/close on the aggregation). */
    void close(int year) {
        closed.put(year, YearState.CLOSED);
    }

    /** The city's sector bureau accepts a district's data set of a year (approvals.v1 on the aggregation). */
    void accept(String sector, String district, int year) {
        accepted.add(sector + "|" + district + "|" + year);
    }

    /** Computes every result in both views and publishes those that changed. */
    void publish() {
        int baseYear = MethodSettings.defaults().baseYear();
        IndicatorTable table = new IndicatorTable(facts.values(), catalogue, units, baseYear);
        List<Fact> official = facts.entrySet().stream()
                .filter(f -> accepted.contains(sectorOf.get(f.getKey()) + "|"
                        + f.getValue().orgUnit() + "|" + f.getValue().year()))
                .map(Map.Entry::getValue)
                .toList();
        IndicatorTable officialTable = new IndicatorTable(official, catalogue, units, baseYear);
        ResultCalculator calculator = new ResultCalculator(catalogue, units, MethodSettings.defaults());
        YearStates states = calculator.yearStates(table, closed);
        Instant now = Instant.now();
        for (int year : calculator.years(table, baseYear)) {
            publish(ResultView.LATEST, calculator.computeYear(table, year, states), now);
            publish(ResultView.OFFICIAL, calculator.computeYear(officialTable, year, states), now);
        }
    }

    private void publish(ResultView view, List<UnitYearResult> results, Instant now) {
        for (UnitYearResult r : results) {
            String key = view.key(r.orgUnit(), r.year());
            String body = write(r);
            DataSets dataSets = count(r.orgUnit(), r.year());
            String counted = write(dataSets);
            if ((counted + body).equals(published.get(key))) {
                continue;
            }
            published.put(key, counted + body);
            long version = versions.merge(key, 1L, Long::sum);
            kafka.send(
                    Topics.RESULTS,
                    key,
                    "{\"version\":" + version + ",\"computedAt\":\"" + now + "\",\"view\":\"" + view.code()
                            + "\",\"dataSets\":" + counted + ",\"result\":" + body + "}",
                    Map.of("ce_type", CloudEventTypes.RESULT));
        }
    }

    /** Every sector of every district the unit covers (the city: all; a group: its members; a district: itself). */
    private DataSets count(String orgUnit, int year) {
        OrgUnit unit = units.find(orgUnit).orElseThrow();
        List<String> districts = unit.level() == OrgUnitLevel.DISTRICT ? List.of(orgUnit) : unit.members();
        int n = 0;
        for (String d : districts) {
            for (Sector s : Sector.values()) {
                n += accepted.contains(s.code() + "|" + d + "|" + year) ? 1 : 0;
            }
        }
        return new DataSets(n, districts.size() * Sector.values().length);
    }

    private static String write(Object r) {
        try {
            return JSON.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
