package io.synergy.aggregation.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.synergy.aggregation.store.AnswerVersion;
import io.synergy.aggregation.store.DataSetStore;
import io.synergy.aggregation.store.IndicatorTables;
import io.synergy.method.inventory.FactorLibrary;
import io.synergy.method.inventory.FactorLibraryValidator;
import io.synergy.method.inventory.Inventory;
import io.synergy.method.inventory.InventoryCalculator;
import io.synergy.method.inventory.InventoryInputs;
import io.synergy.method.inventory.Violation;
import io.synergy.method.results.IndicatorTable;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.query.Queries;
import io.synergy.results.view.DataSets;
import io.synergy.results.view.Name;
import io.synergy.results.view.ResultView;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The integrated inventory (clause 二十二): computed on demand from the facts with the current factor version, and
 * factor revisions, which store a new version and keep the figures it changes in the history.
 *
 * <p>Why on demand: the inventory is a pure function of the facts (which the consumer keeps current) and of an
 * immutable factor version, so a stored copy of the current figures would only be a cache to keep in step. What cannot
 * be recomputed later is the past — the figures as they stood under an earlier version — so that, and only that, is
 * stored: when a version is posted, every org unit and year whose figures it changes is computed with both versions in
 * the same transaction, and the earlier figures go to {@code inventory_history}.
 */
@ApplicationScoped
public class InventoryService {

    public static final String SHIPPED_LIBRARY = "emission-factors.yaml";

    private final AgroalDataSource dataSource;
    private final IndicatorTables tables;
    private final OrgUnitRegistry registry;
    private final Catalogue catalogue;
    private final InventoryConfig config;
    private final FactorLibraryStore libraries;
    private final InventoryHistoryStore history;
    private final ObjectMapper json;
    private InventoryCalculator calculator;

    private final AnswerVersion answerVersion;
    private final DataSetStore dataSetStore;

    @Inject
    public InventoryService(
            AgroalDataSource dataSource,
            IndicatorTables tables,
            OrgUnitRegistry registry,
            Catalogue catalogue,
            InventoryConfig config,
            FactorLibraryStore libraries,
            InventoryHistoryStore history,
            ObjectMapper json,
            AnswerVersion answerVersion,
            DataSetStore dataSetStore) {
        this.dataSetStore = dataSetStore;
        this.answerVersion = answerVersion;
        this.dataSource = dataSource;
        this.tables = tables;
        this.registry = registry;
        this.catalogue = catalogue;
        this.config = config;
        this.libraries = libraries;
        this.history = history;
        this.json = json;
    }

    /** What a factor revision did: the new version and the org-unit years whose figures it changed (now in the history). */
    public record Revision(
            int version,
            Integer previousVersion,
            Instant createdAt,
            String createdBy,
            String description,
            boolean usesExampleFactors,
            List<Integer> revisedYears,
            List<RevisedUnit> revised) {}

    public record RevisedUnit(String orgUnit, int year) {}

    @PostConstruct
    void init() {
        calculator = new InventoryCalculator(catalogue.inventory(), config.gwpValues());
    }

    /** At the first start the factor table is empty: the shipped (or configured) library becomes version 1. */
    void seed(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                libraries.lock(c);
                if (libraries.currentVersion(c).isPresent()) {
                    return null;
                }
                String name = config.initialLibrary().orElse(SHIPPED_LIBRARY);
                FactorLibrary draft = readInitial(name).toDraft();
                List<Violation> faults = FactorLibraryValidator.validate(draft, catalogue.inventory());
                if (!faults.isEmpty()) {
                    throw new IllegalStateException("the initial factor library " + name + " is not valid: " + faults);
                }
                FactorLibrary stored = libraries.insert(c, draft, "system (" + name + ")");
                Log.infof(
                        "inventory: factor library %s stored as version %d (%d factors)",
                        name, stored.version(), stored.factors().size());
                return null;
            }
        });
    }

    private FactorLibraryDocument readInitial(String name) throws IOException {
        if (config.initialLibrary().isPresent()) {
            try (InputStream in = Files.newInputStream(Path.of(name))) {
                return FactorLibraryParser.read(in, name);
            }
        }
        try (InputStream in = InventoryService.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path");
            }
            return FactorLibraryParser.read(in, name);
        }
    }

    /** The inventory of a unit and year with the current factor version, from every report (the latest view). */
    public InventoryAnswer inventory(String orgUnit, int year) {
        return inventory(orgUnit, year, ResultView.LATEST);
    }

    /**
     * The inventory of a unit and year with the current factor version, from the facts of the view (official: the
     * accepted data sets' only); 404 problem when nothing was reported.
     */
    public InventoryAnswer inventory(String orgUnit, int year, ResultView view) {
        OrgUnits units = registry.current();
        OrgUnit unit = Queries.orgUnit(units, orgUnit);
        try (Connection c = dataSource.getConnection()) {
            FactorLibrary library = libraries
                    .current(c)
                    .orElseThrow(() -> new ProblemException(
                            503, "unavailable", "Service unavailable", "the factor library is not loaded yet"));
            IndicatorTable table = tables.current(c, units, view);
            Inventory inventory =
                    calculator.compute(library, InventoryInputs.of(table, catalogue, unit.code(), year), year);
            if (!inventory.hasData()) {
                throw Queries.noData("No activity data and no reported emissions for " + unit.code() + " in " + year
                        + (view == ResultView.LATEST ? "" : " in the " + view.code() + " view"));
            }
            DataSets dataSets = dataSetStore.accepted(c).count(units, unit.code(), year);
            InventoryAnswer.RevisedFrom revisedFrom = history.latest(c, unit.code(), year)
                    .map(e -> revisedFrom(e, unit.code(), year))
                    .orElse(null);
            return answer(unit, year, inventory, library, revisedFrom, Instant.now(), view, dataSets);
        } catch (SQLException e) {
            throw new IllegalStateException("could not compute the inventory", e);
        }
    }

    /** A unit's earlier figures for a year, newest first. */
    public record History(String orgUnit, String period, List<Superseded> entries) {}

    /**
     * The inventory as a factor version computed it before a later one changed it.
     *
     * @param supersededBy the version that changed it
     * @param inventory    the whole answer as it stood
     */
    public record Superseded(int factorVersion, int supersededBy, Instant supersededAt, InventoryAnswer inventory) {}

    /** Earlier figures of a unit and year, newest first (each the whole answer as it stood). */
    public History history(String orgUnit, int year) {
        OrgUnit unit = Queries.orgUnit(registry.current(), orgUnit);
        try (Connection c = dataSource.getConnection()) {
            List<Superseded> entries = new ArrayList<>();
            for (InventoryHistoryStore.Entry e : history.list(c, unit.code(), year)) {
                entries.add(new Superseded(
                        e.factorVersion(),
                        e.supersededBy(),
                        e.supersededAt(),
                        json.readValue(e.body(), InventoryAnswer.class)));
            }
            return new History(unit.code(), Integer.toString(year), entries);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the inventory history", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable inventory in the history: " + e.getOriginalMessage(), e);
        }
    }

    /** The factor library: the current version's number, one version in full and every version's summary (newest first). */
    public record Factors(
            Integer current, FactorLibraryDocument library, List<FactorLibraryStore.VersionInfo> versions) {}

    /**
     * Stores a factor revision as the next version and keeps, for every org unit and year whose figures it changes, the
     * figures computed with the previous version in the history — all in one transaction, under the revision lock, so
     * the history always matches the versions.
     */
    @Transactional
    public Revision revise(FactorLibraryDocument document, String who) {
        FactorLibrary draft = document.toDraft();
        List<Violation> faults = FactorLibraryValidator.validate(draft, catalogue.inventory());
        if (!faults.isEmpty()) {
            throw ProblemException.invalid(
                    "The factor library is not valid",
                    faults.stream()
                            .map(v -> new FieldError(v.field(), v.message()))
                            .toList());
        }
        try (Connection c = dataSource.getConnection()) {
            libraries.lock(c);
            Optional<FactorLibrary> previous = libraries.current(c);
            FactorLibrary stored = libraries.insert(c, draft, who);
            List<RevisedUnit> revised = new ArrayList<>();
            if (previous.isPresent()) {
                revised = keepSupersededFigures(c, previous.get(), stored);
            }
            // the inventory answers kept by the read API name the factor version: computed anew once this commits
            answerVersion.raise(c);
            Set<Integer> years = new TreeSet<>();
            revised.forEach(r -> years.add(r.year()));
            Log.infof(
                    "inventory: factor version %d stored by %s; figures of %d org-unit years revised",
                    stored.version(), who, revised.size());
            return new Revision(
                    stored.version(),
                    previous.map(FactorLibrary::version).orElse(null),
                    stored.createdAt(),
                    who,
                    stored.description(),
                    stored.hasExampleFactors(),
                    List.copyOf(years),
                    revised);
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the factor revision", e);
        }
    }

    /**
     * Computes every unit the hierarchy knows (city, groups, districts, parks, enterprises), for every year with facts,
     * with both versions; where the figures differ, the previous ones go to the history. The affected years are thus
     * exactly those the revision changes — necessarily inside the valid years of the rows it changed.
     */
    private List<RevisedUnit> keepSupersededFigures(Connection c, FactorLibrary previous, FactorLibrary next)
            throws SQLException {
        OrgUnits units = registry.current();
        IndicatorTable table = tables.current(c, units);
        List<InventoryHistoryStore.Entry> entries = new ArrayList<>();
        List<RevisedUnit> revised = new ArrayList<>();
        for (OrgUnit unit : units.everything()) {
            for (int year : table.years()) {
                InventoryInputs inputs = InventoryInputs.of(table, catalogue, unit.code(), year);
                Inventory before = calculator.compute(previous, inputs, year);
                if (!before.hasData() || before.sameFiguresAs(calculator.compute(next, inputs, year))) {
                    continue;
                }
                InventoryAnswer.RevisedFrom earlier = history.latest(c, unit.code(), year)
                        .map(e -> revisedFrom(e, unit.code(), year))
                        .orElse(null);
                String body =
                        write(answer(unit, year, before, previous, earlier, next.createdAt(), ResultView.LATEST, null));
                entries.add(new InventoryHistoryStore.Entry(
                        unit.code(), year, previous.version(), next.version(), next.createdAt(), body));
                revised.add(new RevisedUnit(unit.code(), year));
            }
        }
        history.insert(c, entries);
        return revised;
    }

    /** One factor version in full (the current one when {@code version} is null) and every version's summary; 404 for an unknown version. */
    public Factors factors(Integer version) {
        try (Connection c = dataSource.getConnection()) {
            Optional<FactorLibrary> library = version == null ? libraries.current(c) : libraries.version(c, version);
            FactorLibrary l = library.orElseThrow(() -> ProblemException.notFound("No factor version " + version));
            List<FactorLibraryStore.VersionInfo> versions = libraries.versions(c);
            return new Factors(
                    versions.isEmpty() ? null : versions.get(0).version(),
                    FactorLibraryDocument.of(
                            l, libraries.previousOf(c, l.version()).orElse(null)),
                    versions);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the factor library", e);
        }
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    private static InventoryAnswer.RevisedFrom revisedFrom(InventoryHistoryStore.Entry e, String unit, int year) {
        return new InventoryAnswer.RevisedFrom(
                e.factorVersion(),
                e.supersededBy(),
                e.supersededAt(),
                "/api/v1/inventory/history?period=" + year + "&orgUnit=" + unit);
    }

    static InventoryAnswer answer(
            OrgUnit unit,
            int year,
            Inventory inventory,
            FactorLibrary library,
            InventoryAnswer.RevisedFrom revisedFrom,
            Instant computedAt,
            ResultView view,
            DataSets dataSets) {
        Set<String> sources = new LinkedHashSet<>();
        inventory.energy().forEach(e -> {
            if (e.ncvSource() != null) {
                sources.add(e.ncvSource());
            }
        });
        inventory.rows().forEach(r -> r.contributions().forEach(k -> sources.add(k.factorSource())));
        InventoryAnswer.LibraryInfo info = new InventoryAnswer.LibraryInfo(
                library.version(),
                library.description(),
                library.createdAt(),
                library.createdBy(),
                List.copyOf(sources));
        Name name = new Name(unit.zh() == null ? "" : unit.zh(), unit.en() == null ? "" : unit.en());
        return new InventoryAnswer(
                unit.code(),
                name,
                unit.level().name(),
                Integer.toString(year),
                library.version(),
                info,
                revisedFrom,
                inventory.usesExampleFactors(),
                inventory.usesExampleFactors() ? InventoryAnswer.EXAMPLE_NOTE : null,
                inventory.complete(),
                inventory.incomplete(),
                inventory.notReported(),
                inventory.rows(),
                inventory.energy(),
                inventory.energyByFuel(),
                inventory.totals(),
                inventory.co2e(),
                computedAt,
                view,
                dataSets);
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
