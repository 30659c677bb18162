package io.synergy.console.ops.freshness;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.synergy.console.ops.OpsConfig;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.platform.metrics.KnownGauges;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Feed freshness per sector and district: when each last reported, and which years are still missing against the
 * reporting calendar. Read from what the sectors' indicator topics delivered ({@code indicator_receipt}, kept by
 * {@link IndicatorReceipts}: a sector's indicator events carry the district and year), so it shows what reached the city's figures — the business form of "no message for too
 * long", which a topic's rate cannot tell (annual data arrives in bursts, months apart).
 */
@ApplicationScoped
public class FreshnessService {

    public static final String UP_TO_DATE = "UP_TO_DATE";
    /** A closed year is missing but its due date has not passed. */
    public static final String DUE = "DUE";

    public static final String OVERDUE = "OVERDUE";
    public static final String NEVER_REPORTED = "NEVER_REPORTED";

    private static final String PER_YEAR = """
            SELECT sector, org_unit, year, max(received_at), max(computed_at), bool_and(complete)
              FROM indicator_receipt WHERE org_unit = ANY(?) GROUP BY sector, org_unit, year""";

    private final AgroalDataSource dataSource;
    private final OrgUnitRegistry orgUnitRegistry;
    private final OpsConfig config;
    private final MeterRegistry registry;
    private final int baseYear;
    private ReportingCalendar calendar;
    private KnownGauges overdueBySector;

    @Inject
    FreshnessService(
            AgroalDataSource dataSource,
            OrgUnitRegistry orgUnitRegistry,
            OpsConfig config,
            MeterRegistry registry,
            @ConfigProperty(name = "synergy.method.base-year", defaultValue = "2020") int baseYear) {
        this.dataSource = dataSource;
        this.orgUnitRegistry = orgUnitRegistry;
        this.config = config;
        this.registry = registry;
        this.baseYear = baseYear;
    }

    public record MissingYear(int year, LocalDate dueBy, boolean overdue) {}

    public record DistrictFreshness(
            String orgUnit,
            String zh,
            String en,
            String status,
            Instant lastReportAt,
            Instant lastComputedAt,
            Long daysSinceLastReport,
            List<Integer> yearsReported,
            List<Integer> incompleteYears,
            List<MissingYear> missing) {}

    public record SectorFreshness(
            String sector,
            String zh,
            String en,
            Instant lastReportAt,
            int districtsOverdue,
            int overdueYears,
            List<DistrictFreshness> districts) {}

    /** @param sampledAt when the receipts it is computed from were read (the ops snapshot's time) */
    public record Freshness(
            LocalDate asOf,
            String zone,
            String annualDue,
            int baseYear,
            Integer lastOverdueYear,
            Map<String, Integer> statusCounts,
            List<SectorFreshness> sectors,
            Instant sampledAt) {}

    private record YearFacts(Instant receivedAt, Instant computedAt, boolean complete) {}

    /**
     * What the indicator topics delivered, per sector and district, per year, as read at {@code readAt}: what the ops
     * snapshot keeps, so that a freshness answer for any date or sector is computed without the database.
     */
    public record Facts(Instant readAt, Map<String, Map<Integer, YearFacts>> byUnit) {}

    // the gauges are made with the bean, not on StartupEvent: the scheduler may call refreshMeters before that event is
    // observed
    @PostConstruct
    void init() {
        calendar = new ReportingCalendar(baseYear, ReportingCalendar.parseDue(config.annualDue()));
        // a count of data sets (district-years of a sector), not a duration: the name says what it counts; absent until
        // known
        overdueBySector = new KnownGauges(
                registry,
                "synergy.freshness.overdue.datasets",
                "Data sets (district-years of a sector) whose annual data is past its due date and still missing",
                "sector");
    }

    /** Made at start, so that its gauges are registered before the first scrape. */
    void start(@Observes StartupEvent event) {
        // observing the event is what makes this application-scoped bean eager; init() did the work
    }

    @Scheduled(every = "${synergy.ops.freshness-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshMeters() {
        try {
            for (SectorFreshness s : freshness(today(), null).sectors()) {
                overdueBySector.set(s.sector(), s.overdueYears());
            }
        } catch (RuntimeException e) {
            overdueBySector.allUnknown();
            Log.debugf("freshness gauges unknown: %s", e.getMessage());
        }
    }

    public LocalDate today() {
        return LocalDate.now(config.zone());
    }

    public ReportingCalendar calendar() {
        return calendar;
    }

    /** Freshness as of a date, for every sector or one, from the receipts as they are now. */
    public Freshness freshness(LocalDate asOf, Sector only) {
        return freshness(asOf, only, facts(Instant.now()));
    }

    /** Freshness as of a date, for every sector or one, from receipts read before. */
    public Freshness freshness(LocalDate asOf, Sector only, Facts read) {
        Map<String, Map<Integer, YearFacts>> facts = read.byUnit();
        Instant now = Instant.now();
        List<Integer> expected = calendar.closedYears(asOf);
        Map<String, Integer> statusCounts = new TreeMap<>();
        List<SectorFreshness> sectors = new ArrayList<>();
        for (Sector s : Sector.values()) {
            if (only != null && only != s) {
                continue;
            }
            List<DistrictFreshness> districts = new ArrayList<>();
            Instant sectorLast = null;
            int districtsOverdue = 0;
            int overdueYears = 0;
            for (OrgUnit d : orgUnitRegistry.current().districts()) {
                Map<Integer, YearFacts> years = facts.getOrDefault(s.code() + "|" + d.code(), Map.of());
                Instant last = years.values().stream()
                        .map(YearFacts::receivedAt)
                        .max(Instant::compareTo)
                        .orElse(null);
                Instant lastComputed = years.values().stream()
                        .map(YearFacts::computedAt)
                        .max(Instant::compareTo)
                        .orElse(null);
                List<MissingYear> missing = new ArrayList<>();
                for (int y : expected) {
                    if (!years.containsKey(y)) {
                        missing.add(new MissingYear(y, calendar.dueBy(y), calendar.overdue(y, asOf)));
                    }
                }
                long overdue = missing.stream().filter(MissingYear::overdue).count();
                String status = years.isEmpty() && overdue > 0
                        ? NEVER_REPORTED
                        : overdue > 0 ? OVERDUE : missing.isEmpty() ? UP_TO_DATE : DUE;
                statusCounts.merge(status, 1, Integer::sum);
                if (overdue > 0) {
                    districtsOverdue++;
                    overdueYears += (int) overdue;
                }
                if (last != null && (sectorLast == null || last.isAfter(sectorLast))) {
                    sectorLast = last;
                }
                List<Integer> incomplete = years.entrySet().stream()
                        .filter(e -> !e.getValue().complete())
                        .map(Map.Entry::getKey)
                        .toList();
                districts.add(new DistrictFreshness(
                        d.code(),
                        d.zh(),
                        d.en(),
                        status,
                        last,
                        lastComputed,
                        last == null ? null : Duration.between(last, now).toDays(),
                        List.copyOf(years.keySet()),
                        incomplete,
                        missing));
            }
            sectors.add(new SectorFreshness(
                    s.code(), s.zh(), s.en(), sectorLast, districtsOverdue, overdueYears, districts));
        }
        return new Freshness(
                asOf,
                config.zone().getId(),
                config.annualDue(),
                baseYear,
                calendar.lastOverdueYear(asOf),
                statusCounts,
                sectors,
                read.readAt());
    }

    /** Per "sector|district", per year: the newest receipt and computation, and whether every fact of that year is complete. */
    public Facts facts(Instant readAt) {
        Map<String, Map<Integer, YearFacts>> out = new HashMap<>();
        // the districts' receipts only, which is all an answer shows: at city scale the enterprises' are 5 sectors ×
        // 5,000 units × 10 years, read into the console's 64 MB heap at every refresh of the ops snapshot (issue 19: it
        // ran out of heap in the benchmark's scale part)
        String[] districts = orgUnitRegistry.current().districts().stream()
                .map(OrgUnit::code)
                .toArray(String[]::new);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(PER_YEAR)) {
            ps.setArray(1, c.createArrayOf("text", districts));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1) + "|" + rs.getString(2), k -> new TreeMap<>())
                            .put(
                                    rs.getInt(3),
                                    new YearFacts(
                                            rs.getTimestamp(4).toInstant(),
                                            rs.getTimestamp(5).toInstant(),
                                            rs.getBoolean(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the facts' freshness", e);
        }
        return new Facts(readAt, out);
    }
}
