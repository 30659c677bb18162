package io.synergy.model.catalogue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    Catalogue(Collection<DataElement> dataElements, Collection<Indicator> indicators, Collection<PartOfWholeRule> rules) {
        Map<String, DataElement> des = new LinkedHashMap<>();
        dataElements.forEach(d -> des.put(d.code(), d));
        Map<String, Indicator> ins = new LinkedHashMap<>();
        indicators.forEach(i -> ins.put(i.id(), i));
        this.dataElements = des;
        this.indicators = ins;
        this.rules = List.copyOf(rules);
        check();
    }

    /** Loads the catalogue from the class path. */
    public static Catalogue load() {
        try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
            JsonNode root = yaml.readTree(in);
            List<DataElement> des = new ArrayList<>();
            for (JsonNode sector : root.path("dataElements")) {
                Sector s = Sector.of(sector.path("sector").asText());
                for (JsonNode d : sector.path("elements")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) d).put("sector", s.name());
                    if (!d.has("nonNegative")) {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) d).put("nonNegative", true);
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
            return new Catalogue(des, ins, rules);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
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
                    case RATIO -> require(dataElements.containsKey(op)
                            || (indicators.containsKey(op) && indicators.get(op).formula().type() == FormulaType.SUM), i,
                            op + " is neither a data element nor a SUM indicator");
                    case REDUCTION_VS_BASE, BASE_MINUS_CURRENT -> require(indicators.containsKey(op), i, op + " is not an indicator");
                }
            }
            if (f.type() == FormulaType.RATIO && (f.numerator() == null || f.denominator() == null)) {
                throw new IllegalStateException("indicator " + i.id() + ": a RATIO needs numerator and denominator");
            }
        }
        for (PartOfWholeRule r : rules) {
            DataElement part = dataElements.get(r.part());
            DataElement whole = dataElements.get(r.whole());
            if (part == null || whole == null || part.sector() != whole.sector()) {
                throw new IllegalStateException("rule " + r.id() + " must relate two data elements of one sector");
            }
        }
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
        return rules.stream().filter(r -> dataElements.get(r.part()).sector() == sector).toList();
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
        return indicators.values().stream()
                .filter(i -> !isSectorIndicator(i))
                .toList();
    }

    private boolean isLocalTo(Indicator i, Sector sector) {
        Formula f = i.formula();
        if (f.type() != FormulaType.RATIO && f.type() != FormulaType.SUM) {
            return false;
        }
        return f.operands().stream().allMatch(op -> dataElements.containsKey(op) && dataElements.get(op).sector() == sector);
    }

    /**
     * The data elements of a sector that a derived indicator reads (emissions, GDP): the sector publishes their annual
     * values as data-element events, because no indicator event of its own carries them.
     */
    public List<DataElement> publishedDataElements(Sector sector) {
        Set<String> needed = new LinkedHashSet<>();
        for (Indicator i : derivedIndicators()) {
            collectDataElements(i, needed);
        }
        return dataElements(sector).stream().filter(d -> needed.contains(d.code())).toList();
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
        return java.util.Arrays.stream(Sector.values()).anyMatch(s -> isLocalTo(i, s));
    }

    /** The data elements a sector indicator reads. */
    public List<String> dataElementsOf(Indicator i) {
        return i.formula().operands().stream().filter(dataElements::containsKey).toList();
    }
}
