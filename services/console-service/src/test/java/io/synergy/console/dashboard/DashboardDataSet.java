package io.synergy.console.dashboard;

import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.EventKind;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.testsupport.IndicatorProducer;
import io.synergy.testsupport.KafkaTestClient;
import java.time.Instant;
import java.util.UUID;

/**
 * A city-shaped set of indicator events for the dashboard: ten districts, 2020–2024, the indicators of four sectors and
 * their emissions, with trends that give every traffic-light colour and every co-reduction quadrant something to show.
 * The events go to the indicator topics (the pipeline panel, the freshness) and their results to results.v1, computed
 * as the aggregation computes them ({@link ResultsPublisher}).
 *
 * <p>It stays clear of what the module's other tests assert on: E1, W3 and A2, and everything of the transport sector
 * (OpsApiTest's freshness test owns it), so the tests may run in any order against the one database.
 */
final class DashboardDataSet implements AutoCloseable {

    static final String[] DISTRICTS = {
        "370202", "370203", "370211", "370212", "370213", "370214", "370215", "370281", "370283", "370285"
    };
    static final int FIRST = 2020;
    static final int LAST = 2024;
    /** A year with a little data: provisional. */
    static final int PARTIAL = 2025;
    /** A year with no pollution indicator: provisional and not computable (no later year: events of future years are refused). */
    static final int UNCOMPUTABLE = 2026;

    private static final double[] SIZE = {0.9, 0.8, 2.6, 0.7, 0.7, 1.2, 1.3, 1.1, 1.0, 0.8};

    private final IndicatorProducer producer;
    private final KafkaTestClient kafka;
    private final ResultsPublisher results;

    DashboardDataSet(String bootstrap) {
        producer = new IndicatorProducer(bootstrap);
        kafka = new KafkaTestClient(bootstrap);
        results = new ResultsPublisher(kafka);
    }

    /** Ops close the years from {@link #FIRST} to {@link #LAST} with what they have; their results are published again. */
    void closeYears() {
        for (int y = FIRST; y <= LAST; y++) {
            results.close(y);
        }
        results.publish();
    }

    /**
     * The city's sector bureaus accept every data set (each sector of each district) of the years from {@link #FIRST} to
     * {@link #LAST}: the official results are published again and equal the latest.
     */
    void acceptYears() {
        for (int y = FIRST; y <= LAST; y++) {
            for (String d : DISTRICTS) {
                for (Sector s : Sector.values()) {
                    results.accept(s.code(), d, y);
                }
            }
        }
        results.publish();
    }

    private void flush() {
        producer.flush();
        results.publish();
    }

    /**
     * Every indicator and emission of every district and year, revision 1. The city's B2 (rooftop PV share) reaches
     * 20 % in 2024 against a 10 % baseline and a 50 % target: LAGGING (25 % done with 80 % of the time gone).
     */
    void publishBaseline() {
        for (int d = 0; d < DISTRICTS.length; d++) {
            double s = SIZE[d];
            double pace = 0.7 + 0.07 * d; // districts progress at different speeds, so their D differ
            for (int y = FIRST; y <= LAST; y++) {
                int k = y - FIRST;
                String district = DISTRICTS[d];
                double supplied = 1_800_000 * s;
                ratio(
                        Sector.ENERGY,
                        "E2",
                        district,
                        y,
                        (305.5 - 2.2 * k * pace) * supplied / 1000,
                        supplied,
                        1000,
                        "gce/kWh",
                        1);
                ratio(
                        Sector.BUILDING,
                        "B1",
                        district,
                        y,
                        400_000 * s * (4 + 1.6 * k * pace) / 100,
                        400_000 * s,
                        100,
                        "%",
                        1);
                ratio(
                        Sector.BUILDING,
                        "B2",
                        district,
                        y,
                        90_000 * s * (10 + 2.5 * k * pace) / 100,
                        90_000 * s,
                        100,
                        "%",
                        1);
                ratio(
                        Sector.AGRICULTURE,
                        "A1",
                        district,
                        y,
                        300_000 * s * (88 + 1.9 * k * pace) / 100,
                        300_000 * s,
                        100,
                        "%",
                        1);
                ratio(
                        Sector.WASTE,
                        "W1",
                        district,
                        y,
                        500_000 * s * (85 - 0.3 * k * pace) / 100,
                        500_000 * s,
                        100,
                        "%",
                        1);
                // emissions: energy reduces everything; building cuts CO2 while its VOCs grow; agriculture the reverse
                emissions(Sector.ENERGY, district, y, 4_800_000 * s, k, -0.012, -0.06, -0.045, -0.05, -0.03);
                emissions(Sector.BUILDING, district, y, 1_100_000 * s, k, -0.02, -0.03, -0.01, -0.012, 0.025);
                emissions(Sector.AGRICULTURE, district, y, 260_000 * s, k, 0.015, -0.02, -0.03, 0.01, -0.01);
                emissions(Sector.WASTE, district, y, 180_000 * s, k, -0.005, 0.01, -0.02, -0.01, -0.02);
            }
        }
        flush();
    }

    /** A revision of 2024's rooftop PV in every district to 55 %: the city's B2 meets its 50 % target, ACHIEVED. */
    void publishRooftopPvRevision() {
        for (int d = 0; d < DISTRICTS.length; d++) {
            double roofs = 90_000 * SIZE[d];
            ratio(Sector.BUILDING, "B2", DISTRICTS[d], LAST, roofs * 0.55, roofs, 100, "%", 2);
        }
        flush();
    }

    /**
     * The first 2025 figures: two districts' coal use per kWh (E2) and their energy sector's emissions — a provisional
     * year, scored on its own window (the settled years and itself).
     */
    void publishPartialYear() {
        for (int d : new int[] {1, 5}) {
            double supplied = 1_800_000 * SIZE[d];
            ratio(Sector.ENERGY, "E2", DISTRICTS[d], PARTIAL, 293.5 * supplied / 1000, supplied, 1000, "gce/kWh", 1);
            emissions(
                    Sector.ENERGY,
                    DISTRICTS[d],
                    PARTIAL,
                    4_800_000 * SIZE[d],
                    PARTIAL - FIRST,
                    -0.012,
                    -0.06,
                    -0.045,
                    -0.05,
                    -0.03);
        }
        flush();
    }

    /** A year that has begun with one carbon indicator of two districts and nothing else: not computable. */
    void publishYearWithoutPollution() {
        for (int d : new int[] {1, 5}) {
            double supplied = 1_800_000 * SIZE[d];
            ratio(Sector.ENERGY, "E2", DISTRICTS[d], UNCOMPUTABLE, 292 * supplied / 1000, supplied, 1000, "gce/kWh", 1);
        }
        flush();
    }

    private void emissions(Sector sector, String district, int year, double co2, int k, double... yearlyChange) {
        String[] pollutants = {"co2", "so2", "nox", "pm", "vocs"};
        double[] base = {co2, co2 / 2600, co2 / 1800, co2 / 6500, co2 / 9000};
        for (int i = 0; i < pollutants.length; i++) {
            double value = base[i] * Math.pow(1 + yearlyChange[i], k);
            send(new IndicatorEvent(
                    UUID.randomUUID().toString(),
                    sector.code(),
                    EventKind.DATA_ELEMENT,
                    sector.code() + ".emissions." + pollutants[i],
                    district,
                    Integer.toString(year),
                    value,
                    value,
                    null,
                    "t",
                    1,
                    true,
                    "dashboard-test",
                    Instant.now()));
        }
    }

    private void ratio(
            Sector sector,
            String code,
            String district,
            int year,
            double numerator,
            double denominator,
            double scale,
            String unit,
            long revision) {
        send(new IndicatorEvent(
                UUID.randomUUID().toString(),
                sector.code(),
                EventKind.INDICATOR,
                code,
                district,
                Integer.toString(year),
                scale * numerator / denominator,
                numerator,
                denominator,
                unit,
                revision,
                true,
                "dashboard-test",
                Instant.now()));
    }

    private void send(IndicatorEvent e) {
        producer.send(e);
        results.add(e);
    }

    @Override
    public void close() {
        producer.close();
        kafka.close();
    }
}
