package io.synergy.model.orgunit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The city, its districts and the configured district groups.
 *
 * <p>Loaded from {@code org-units.yaml} (the GB/T 2260 codes of Qingdao); groups can be replaced from
 * configuration with {@link #withGroup(String, String, String, List)} because the plan leaves the extent of
 * 中心城区 to the city.
 */
public final class OrgUnits {

    public static final String RESOURCE = "org-units.yaml";

    /**
     * Units registered on top of an indexed snapshot before the map is copied again. Registering a unit used to copy
     * the map and rebuild its indexes, and a service replaying {@code org-units.v1} at start did that (twice, with the
     * record's check) for each of a city's 5,000 enterprises: 5,000² entries copied on the consumer's event loop, a
     * minute and more under load (issue 19, the scale part). A snapshot now adds one unit to the one before it, and
     * the chain is folded into a new map every {@value} units.
     */
    static final int MAX_CHAIN = 64;

    private final OrgUnit city;
    /**
     * The snapshot this one adds {@link #added} to, until this one is indexed; {@code null} for a snapshot built from a
     * whole map. Dropped once indexed: each snapshot held the one before it, so a service's current snapshot kept every
     * earlier one of its life and their indexes — ~12 MB after a city of 5,000 enterprises was registered (issue 19).
     * Set to {@code null} only after {@link #index} is: a walker that finds it {@code null} finds the index.
     */
    private volatile OrgUnits base;

    private final OrgUnit added;
    /** Links from this snapshot down to an indexed one. */
    private final int chain;
    /** The map and its indexes: built with a whole map, or on first use of a chained snapshot. */
    private volatile Index index;

    /**
     * Every unit by code, indexed once per snapshot (the registry is immutable: a change makes a new one): roll-ups ask
     * for the units below a district or park for every indicator and year, and a pass of the aggregation asks for the
     * groups or districts per changed fact.
     */
    private static final class Index {
        private final Map<String, OrgUnit> byCode;
        private final Map<String, List<OrgUnit>> childrenOf = new HashMap<>();
        private final Map<String, List<OrgUnit>> enterprisesUnder = new ConcurrentHashMap<>();
        private final Map<OrgUnitLevel, List<OrgUnit>> byLevel = new EnumMap<>(OrgUnitLevel.class);
        private final List<OrgUnit> kept;

        private Index(Map<String, OrgUnit> byCode) {
            this.byCode = byCode;
            List<OrgUnit> keptUnits = new ArrayList<>();
            for (OrgUnit u : byCode.values()) {
                if (u.parent() != null) {
                    childrenOf
                            .computeIfAbsent(u.parent(), k -> new ArrayList<>())
                            .add(u);
                }
                byLevel.computeIfAbsent(u.level(), k -> new ArrayList<>()).add(u);
                if (u.level() != OrgUnitLevel.PARK && u.level() != OrgUnitLevel.ENTERPRISE) {
                    keptUnits.add(u);
                }
            }
            childrenOf.replaceAll((k, v) -> List.copyOf(v));
            byLevel.replaceAll((k, v) -> List.copyOf(v));
            this.kept = List.copyOf(keptUnits);
        }
    }

    private OrgUnits(OrgUnit city, Map<String, OrgUnit> byCode) {
        this.city = city;
        this.base = null;
        this.added = null;
        this.chain = 0;
        this.index = new Index(byCode);
    }

    private OrgUnits(OrgUnits base, OrgUnit added) {
        this.city = base.city;
        this.base = base;
        this.added = added;
        this.chain = (base.index != null ? 0 : base.chain) + 1;
    }

    private Index index() {
        Index known = index;
        if (known != null) {
            return known;
        }
        // the units registered since the nearest indexed snapshot, newest first
        List<OrgUnit> newer = new ArrayList<>();
        OrgUnits s = this;
        Index indexed;
        while ((indexed = s.index) == null) {
            OrgUnits below = s.base;
            if (below != null) { // else s was indexed meanwhile: the next round reads its index
                newer.add(s.added);
                s = below;
            }
        }
        Map<String, OrgUnit> byCode = new LinkedHashMap<>(indexed.byCode);
        for (int i = newer.size() - 1; i >= 0; i--) {
            byCode.put(newer.get(i).code(), newer.get(i));
        }
        Index built = new Index(byCode);
        index = built;
        base = null;
        return built;
    }

    private Map<String, OrgUnit> byCode() {
        return index().byCode;
    }

    /** A unit by code, without indexing a chained snapshot (the check of every registered unit asks for two). */
    private OrgUnit unit(String code) {
        for (OrgUnits s = this; ; ) {
            Index known = s.index;
            if (known != null) {
                return known.byCode.get(code);
            }
            if (s.added.code().equals(code)) {
                return s.added;
            }
            OrgUnits below = s.base;
            if (below != null) { // else s was indexed meanwhile: the next round reads its index
                s = below;
            }
        }
    }

    private List<OrgUnit> level(OrgUnitLevel level) {
        return index().byLevel.getOrDefault(level, List.of());
    }

    /** The default registry, from the resource on the class path. */
    public static OrgUnits load() {
        try (InputStream in = OrgUnits.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return parse(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OrgUnits parse(JsonNode root) {
        List<String> districtCodes = new ArrayList<>();
        Map<String, OrgUnit> units = new LinkedHashMap<>();
        for (JsonNode d : root.path("districts")) {
            String code = d.path("code").asText();
            districtCodes.add(code);
            units.put(
                    code,
                    new OrgUnit(
                            code,
                            OrgUnitLevel.DISTRICT,
                            d.path("zh").asText(),
                            d.path("en").asText(),
                            List.of(),
                            root.path("city").path("code").asText(),
                            null));
        }
        JsonNode c = root.path("city");
        OrgUnit city = new OrgUnit(
                c.path("code").asText(),
                OrgUnitLevel.CITY,
                c.path("zh").asText(),
                c.path("en").asText(),
                districtCodes,
                null,
                null);
        Map<String, OrgUnit> all = new LinkedHashMap<>();
        all.put(city.code(), city);
        all.putAll(units);
        OrgUnits result = new OrgUnits(city, all);
        for (JsonNode g : root.path("groups")) {
            List<String> members = new ArrayList<>();
            g.path("members").forEach(m -> members.add(m.asText()));
            result = result.withGroup(
                    g.path("code").asText(), g.path("zh").asText(), g.path("en").asText(), members);
        }
        return result;
    }

    /** A copy with the group defined (or redefined); every member must be a district. */
    public OrgUnits withGroup(String code, String zh, String en, List<String> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("group " + code + " has no members");
        }
        for (String m : members) {
            if (!isDistrict(m)) {
                throw new IllegalArgumentException("group " + code + ": " + m + " is not a district of " + city.code());
            }
        }
        Map<String, OrgUnit> copy = new LinkedHashMap<>(byCode());
        copy.put(code, new OrgUnit(code, OrgUnitLevel.GROUP, zh, en, members, null, null));
        return new OrgUnits(city, copy);
    }

    /**
     * A copy with a park or an enterprise registered (or replaced, e.g. moved to another park or closed). A park's
     * parent must be a district; an enterprise's a park or a district.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public OrgUnits withUnit(OrgUnit unit) {
        OrgUnit parent = unit.parent() == null ? null : unit(unit.parent());
        switch (unit.level()) {
            case PARK -> {
                if (parent == null || parent.level() != OrgUnitLevel.DISTRICT) {
                    throw new IllegalArgumentException(
                            "a park's parent must be a district of " + city.code() + ", not " + unit.parent());
                }
            }
            case ENTERPRISE -> {
                if (parent == null
                        || (parent.level() != OrgUnitLevel.DISTRICT && parent.level() != OrgUnitLevel.PARK)) {
                    throw new IllegalArgumentException(
                            "an enterprise's parent must be a park or a district, not " + unit.parent());
                }
            }
            default ->
                throw new IllegalArgumentException(
                        "only parks and enterprises are registered; " + unit.code() + " is a " + unit.level());
        }
        OrgUnit existing = unit(unit.code());
        if (existing != null && existing.level() != unit.level()) {
            throw new IllegalArgumentException(unit.code() + " is already registered as a " + existing.level());
        }
        OrgUnits next = new OrgUnits(this, unit);
        if (next.chain >= MAX_CHAIN) {
            next.index();
        }
        return next;
    }

    public List<OrgUnit> parks() {
        return level(OrgUnitLevel.PARK);
    }

    public List<OrgUnit> enterprises() {
        return level(OrgUnitLevel.ENTERPRISE);
    }

    /** The units directly below {@code code}. */
    public List<OrgUnit> children(String code) {
        return index().childrenOf.getOrDefault(code, List.of());
    }

    /** The enterprises below a district or park, directly or through its parks. */
    public List<OrgUnit> enterprisesUnder(String code) {
        Map<String, List<OrgUnit>> enterprisesUnder = index().enterprisesUnder;
        List<OrgUnit> known = enterprisesUnder.get(code);
        if (known != null) {
            return known;
        }
        List<OrgUnit> out = new ArrayList<>();
        for (OrgUnit child : children(code)) {
            if (child.level() == OrgUnitLevel.ENTERPRISE) {
                out.add(child);
            } else if (child.level() == OrgUnitLevel.PARK) {
                out.addAll(enterprisesUnder(child.code()));
            }
        }
        List<OrgUnit> result = List.copyOf(out);
        enterprisesUnder.put(code, result);
        return result;
    }

    /** The district a unit lies in (itself for a district), or empty for the city and groups. */
    public Optional<OrgUnit> districtOf(String code) {
        OrgUnit u = code == null ? null : unit(code);
        while (u != null && u.level() != OrgUnitLevel.DISTRICT) {
            if (u.level() == OrgUnitLevel.CITY || u.level() == OrgUnitLevel.GROUP) {
                return Optional.empty();
            }
            u = u.parent() == null ? null : unit(u.parent());
        }
        return Optional.ofNullable(u);
    }

    public OrgUnit city() {
        return city;
    }

    public List<OrgUnit> districts() {
        return level(OrgUnitLevel.DISTRICT);
    }

    public List<OrgUnit> groups() {
        return level(OrgUnitLevel.GROUP);
    }

    /** City, districts and groups (the units the aggregation keeps results for), in that order. */
    public Collection<OrgUnit> all() {
        return index().kept;
    }

    /** Every unit, registered parks and enterprises included. */
    public Collection<OrgUnit> everything() {
        return byCode().values();
    }

    public Optional<OrgUnit> find(String code) {
        return Optional.ofNullable(code == null ? null : unit(code));
    }

    /**
     * The codes of a unit and of every unit below it: for the city every unit, for a group its districts and what lies
     * in them, for a district its parks and enterprises, for a park its enterprises. Empty for an unknown code.
     */
    public Set<String> within(String code) {
        OrgUnit u = code == null ? null : unit(code);
        if (u == null) {
            return Set.of();
        }
        if (u.level() == OrgUnitLevel.CITY) {
            return Set.copyOf(byCode().keySet());
        }
        Set<String> out = new LinkedHashSet<>();
        out.add(code);
        List<String> below = u.level() == OrgUnitLevel.GROUP ? u.members() : List.of(code);
        for (String b : below) {
            out.add(b);
            children(b).forEach(c -> out.add(c.code()));
            enterprisesUnder(b).forEach(e -> out.add(e.code()));
        }
        return Set.copyOf(out);
    }

    public boolean isDistrict(String code) {
        OrgUnit u = code == null ? null : unit(code);
        return u != null && u.level() == OrgUnitLevel.DISTRICT;
    }
}
