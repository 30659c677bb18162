package io.synergy.model.catalogue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The indicator catalogue of the plan: every data element, indicator and validation rule, loaded from the one
 * resource file {@code catalogue.yaml}. Everything that differs between indicators is data in that file, so the
 * services have no per-indicator code.
 */
public final class Catalogue {

    public static final String RESOURCE = "catalogue.yaml";

    private final Map<String, DataElement> dataElements;
    private final Map<String, Indicator> indicators;
    private final List<PartOfWholeRule> rules;
    private final InventoryCatalogue inventory;
    private final Set<String>
            sectorIndicators; // ids of the indicators a sector service computes (asked for per figure)
    private final String planDocument;

    /** A catalogue of these parts alone: no inventory, no plan document. */
    Catalogue(
            Collection<DataElement> dataElements, Collection<Indicator> indicators, Collection<PartOfWholeRule> rules) {
        this(dataElements, indicators, rules, InventoryCatalogue.EMPTY, null);
    }

    Catalogue(
            Collection<DataElement> dataElements,
            Collection<Indicator> indicators,
            Collection<PartOfWholeRule> rules,
            InventoryCatalogue inventory,
            String planDocument) {
        Map<String, DataElement> des = new LinkedHashMap<>();
        dataElements.forEach(d -> des.put(d.code(), d));
        Map<String, Indicator> ins = new LinkedHashMap<>();
        indicators.forEach(i -> ins.put(i.id(), i));
        this.dataElements = des;
        this.indicators = ins;
        this.rules = List.copyOf(rules);
        this.inventory = inventory;
        this.sectorIndicators = ins.values().stream()
                .filter(this::computedBySector)
                .map(Indicator::id)
                .collect(Collectors.toUnmodifiableSet());
        this.planDocument = planDocument;
        check();
        checkInventory();
    }

    /** Loads the catalogue from the class path. */
    public static Catalogue load() {
        try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
            JsonNode root = yaml.readTree(in);
            List<DataElement> des = new ArrayList<>();
            for (JsonNode sector : root.path("dataElements")) {
                Sector s = Sector.of(sector.path("sector").asText());
                for (JsonNode d : sector.path("elements")) {
                    ((ObjectNode) d).put("sector", s.name());
                    if (!d.has("nonNegative")) {
                        ((ObjectNode) d).put("nonNegative", true);
                    }
                    des.add(yaml.treeToValue(d, DataElement.class));
                }
            }
            List<Indicator> ins = new ArrayList<>();
            for (JsonNode i : root.path("indicators")) {
                ins.add(yaml.treeToValue(i, Indicator.class));
            }
            List<PartOfWholeRule> rules = new ArrayList<>();
            for (JsonNode r : root.path("rules")) {
                rules.add(yaml.treeToValue(r, PartOfWholeRule.class));
            }
            String plan = root.path("plan").path("document").asText(null);
            if (plan == null || plan.isBlank()) {
                throw new IllegalStateException(RESOURCE + ": plan.document (the plan's 文号) is missing");
            }
            return new Catalogue(des, ins, rules, readInventory(yaml, root.path("inventory"), des), plan);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * The {@code inventory:} section: gases and activities as listed, and the two maps data element → activity and
     * data element → gas, resolved to the data element's sector (so no sector is written twice).
     */
    private static InventoryCatalogue readInventory(ObjectMapper yaml, JsonNode section, List<DataElement> des)
            throws IOException {
        if (section.isMissingNode() || section.isNull()) {
            return InventoryCatalogue.EMPTY;
        }
        Map<String, Sector> sectorOf = new LinkedHashMap<>();
        des.forEach(d -> sectorOf.put(d.code(), d.sector()));
        List<InventoryCatalogue.Gas> gases = new ArrayList<>();
        for (JsonNode g : section.path("gases")) {
            gases.add(yaml.treeToValue(g, InventoryCatalogue.Gas.class));
        }
        List<InventoryCatalogue.Activity> activities = new ArrayList<>();
        for (JsonNode a : section.path("activities")) {
            activities.add(yaml.treeToValue(a, InventoryCatalogue.Activity.class));
        }
        List<InventoryCatalogue.ActivityData> activityData = new ArrayList<>();
        section.path("activityData")
                .fields()
                .forEachRemaining(e -> activityData.add(new InventoryCatalogue.ActivityData(
                        e.getKey(),
                        requireSector(sectorOf, e.getKey()),
                        e.getValue().asText())));
        List<InventoryCatalogue.ReportedEmission> reported = new ArrayList<>();
        section.path("reportedEmissions")
                .fields()
                .forEachRemaining(e -> reported.add(new InventoryCatalogue.ReportedEmission(
                        e.getKey(),
                        requireSector(sectorOf, e.getKey()),
                        e.getValue().asText())));
        return new InventoryCatalogue(gases, activities, activityData, reported);
    }

    private static Sector requireSector(Map<String, Sector> sectorOf, String dataElement) {
        Sector s = sectorOf.get(dataElement);
        if (s == null) {
            throw new IllegalStateException("inventory: " + dataElement + " is not a data element");
        }
        return s;
    }

    /** The inventory section must name known gases and activities, in the units of the data elements that carry them. */
    private void checkInventory() {
        Set<String> gases = new LinkedHashSet<>();
        for (InventoryCatalogue.Gas g : inventory.gases()) {
            if (!gases.add(g.code())) {
                throw new IllegalStateException("inventory: gas " + g.code() + " is listed twice");
            }
        }
        Set<String> activities = new LinkedHashSet<>();
        for (InventoryCatalogue.Activity a : inventory.activities()) {
            if (!activities.add(a.code()) || a.kind() == null || a.unit() == null) {
                throw new IllegalStateException(
                        "inventory: activity " + a.code() + " is listed twice or lacks its kind or unit");
            }
            for (String g : a.gases()) {
                if (!gases.contains(g)) {
                    throw new IllegalStateException(
                            "inventory: activity " + a.code() + " emits " + g + ", which is not an inventory gas");
                }
            }
        }
        for (InventoryCatalogue.ActivityData ad : inventory.activityData()) {
            InventoryCatalogue.Activity a = inventory
                    .activity(ad.activity())
                    .orElseThrow(() -> new IllegalStateException(
                            "inventory: " + ad.dataElement() + " carries the unknown activity " + ad.activity()));
            if (!a.unit().equals(dataElements.get(ad.dataElement()).unit())) {
                throw new IllegalStateException("inventory: " + ad.dataElement() + " is in "
                        + dataElements.get(ad.dataElement()).unit() + " but activity " + a.code() + " is counted in "
                        + a.unit());
            }
        }
        Set<String> reportedKeys = new LinkedHashSet<>();
        for (InventoryCatalogue.ReportedEmission r : inventory.reportedEmissions()) {
            if (!gases.contains(r.gas())) {
                throw new IllegalStateException(
                        "inventory: " + r.dataElement() + " reports the unknown gas " + r.gas());
            }
            if (!reportedKeys.add(r.sector() + "/" + r.gas())) {
                throw new IllegalStateException("inventory: two data elements report " + r.gas() + " of "
                        + r.sector().code());
            }
        }
    }

    /** Fails fast on a catalogue that references what it does not define. */
    private void check() {
        for (Indicator i : indicators.values()) {
            Formula f = i.formula();
            if (f == null || f.type() == null) {
                throw new IllegalStateException("indicator " + i.id() + " has no formula");
            }
            for (String op : f.operands()) {
                switch (f.type()) {
                    case SUM -> require(dataElements.containsKey(op), i, op + " is not a data element");
                    case RATIO ->
                        require(
                                dataElements.containsKey(op)
                                        || (indicators.containsKey(op)
                                                && indicators.get(op).formula().type() == FormulaType.SUM),
                                i,
                                op + " is neither a data element nor a SUM indicator");
                    case REDUCTION_VS_BASE, BASE_MINUS_CURRENT ->
                        require(indicators.containsKey(op), i, op + " is not an indicator");
                }
            }
            if (f.type() == FormulaType.RATIO && (f.numerator() == null || f.denominator() == null)) {
                throw new IllegalStateException("indicator " + i.id() + ": a RATIO needs numerator and denominator");
            }
            TargetDefinition t = i.target();
            if (t != null) {
                // a provincial default says where it comes from; the plan's own targets come from the plan
                require(
                        t.provincial() == (t.document() != null),
                        i,
                        "a provincial target names its document, and only a provincial one");
                require(t.provincial() || !t.placeholder(), i, "only a provincial target can be a placeholder");
            }
        }
        for (PartOfWholeRule r : rules) {
            DataElement part = dataElements.get(r.part());
            DataElement whole = dataElements.get(r.whole());
            if (part == null || whole == null || part.sector() != whole.sector()) {
                throw new IllegalStateException("rule " + r.id() + " must relate two data elements of one sector");
            }
        }
        // the services keep shares within 0–100 % by enforcing part ≤ whole (in each report and on the combined state):
        // a share whose rule is missing could be published as 28,392,121 %
        for (Indicator i : indicators.values()) {
            Formula f = i.formula();
            if (isShare(i)
                    && rules.stream()
                            .noneMatch(r ->
                                    r.part().equals(f.numerator()) && r.whole().equals(f.denominator()))) {
                throw new IllegalStateException("indicator " + i.id() + " is a share of " + f.denominator()
                        + ": declare the rule " + f.numerator() + " within " + f.denominator());
            }
        }
    }

    /** A percentage of one data element in another (100 × part ÷ whole): E1, T1, A1… */
    private boolean isShare(Indicator i) {
        Formula f = i.formula();
        return f.type() == FormulaType.RATIO
                && f.scale() == 100
                && "%".equals(i.unit())
                && dataElements.containsKey(f.numerator())
                && dataElements.containsKey(f.denominator());
    }

    private static void require(boolean ok, Indicator i, String message) {
        if (!ok) {
            throw new IllegalStateException("indicator " + i.id() + ": " + message);
        }
    }

    public Collection<DataElement> dataElements() {
        return dataElements.values();
    }

    public Collection<Indicator> indicators() {
        return indicators.values();
    }

    public List<PartOfWholeRule> rules() {
        return rules;
    }

    /** The integrated emission inventory's gases, activities and their data elements (clause 二十二). */
    public InventoryCatalogue inventory() {
        return inventory;
    }

    /** The 文号 of the plan ({@code plan.document}): the document of every target that is not provincial. */
    public String planDocument() {
        return planDocument;
    }

    public Optional<DataElement> dataElement(String code) {
        return Optional.ofNullable(code == null ? null : dataElements.get(code));
    }

    public Optional<Indicator> indicator(String id) {
        return Optional.ofNullable(id == null ? null : indicators.get(id));
    }

    public List<DataElement> dataElements(Sector sector) {
        return dataElements.values().stream().filter(d -> d.sector() == sector).toList();
    }

    public List<PartOfWholeRule> rules(Sector sector) {
        return rules.stream()
                .filter(r -> dataElements.get(r.part()).sector() == sector)
                .toList();
    }

    /** Indicators with a target (the ones attainment is reported for). */
    public List<Indicator> targeted() {
        return indicators.values().stream().filter(Indicator::hasTarget).toList();
    }

    /**
     * The indicators a sector service computes itself: RATIO and SUM formulas whose data elements all belong to the
     * sector. Their numerators and denominators travel in indicator events, so districts roll up correctly.
     */
    public List<Indicator> sectorIndicators(Sector sector) {
        return indicators.values().stream().filter(i -> isLocalTo(i, sector)).toList();
    }

    /** Indicators only the aggregation can compute: cross-sector sums and ratios, and anything relative to the base year. */
    public List<Indicator> derivedIndicators() {
        return indicators.values().stream().filter(i -> !isSectorIndicator(i)).toList();
    }

    private boolean isLocalTo(Indicator i, Sector sector) {
        Formula f = i.formula();
        if (f.type() != FormulaType.RATIO && f.type() != FormulaType.SUM) {
            return false;
        }
        return f.operands().stream()
                .allMatch(op ->
                        dataElements.containsKey(op) && dataElements.get(op).sector() == sector);
    }

    /**
     * The data elements of a sector that the aggregation reads: those a derived indicator reads (emissions, GDP), and
     * the inventory's inputs (fuel use, process activities, reported emissions of every gas). The sector publishes their
     * annual values as data-element events, because no indicator event of its own carries them — except an inventory
     * input whose annual total a sector indicator already is (AG-CH4 is the total of agriculture.emissions.ch4): the
     * aggregation reads that indicator instead ({@link #factCodeOf}), and no event is sent twice.
     */
    public List<DataElement> publishedDataElements(Sector sector) {
        Set<String> needed = new LinkedHashSet<>();
        for (Indicator i : derivedIndicators()) {
            collectDataElements(i, needed);
        }
        return dataElements(sector).stream()
                .filter(d -> needed.contains(d.code())
                        || (inventory.reads(d.code())
                                && totalIndicatorOf(d.code()).isEmpty()))
                .toList();
    }

    /**
     * The code under which the aggregation receives a data element's annual total: the data element itself when it is
     * published, or the sector indicator that is exactly its total (a SUM of that one data element).
     */
    public String factCodeOf(String dataElement) {
        return totalIndicatorOf(dataElement).map(Indicator::id).orElse(dataElement);
    }

    private Optional<Indicator> totalIndicatorOf(String dataElement) {
        return indicators.values().stream()
                .filter(i -> i.formula().type() == FormulaType.SUM
                        && i.formula().operands().equals(List.of(dataElement))
                        && isSectorIndicator(i))
                .findFirst();
    }

    private void collectDataElements(Indicator i, Set<String> into) {
        for (String op : i.formula().operands()) {
            if (dataElements.containsKey(op)) {
                into.add(op);
            } else if (!isSectorIndicator(indicators.get(op))) {
                // a sector indicator arrives as an indicator event; anything else is computed from its own inputs
                collectDataElements(indicators.get(op), into);
            }
        }
    }

    /** {@code true} when some sector service computes and publishes this indicator. */
    public boolean isSectorIndicator(Indicator i) {
        return indicators.get(i.id()) == i ? sectorIndicators.contains(i.id()) : computedBySector(i);
    }

    private boolean computedBySector(Indicator i) {
        return Arrays.stream(Sector.values()).anyMatch(s -> isLocalTo(i, s));
    }

    /** The data elements a sector indicator reads. */
    public List<String> dataElementsOf(Indicator i) {
        return i.formula().operands().stream().filter(dataElements::containsKey).toList();
    }
}
