package io.synergy.model.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.synergy.model.orgunit.OrgUnitLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The plan's key-project types (重点工程) and pilot programmes (试点示范), each with its clause, from the resource
 * {@code project-catalogue.yaml}. Loading checks it whole (unique codes, known clauses, substances, levels and
 * industries, every clause used), so a service with a broken catalogue does not start.
 */
public final class ProjectCatalogue {

    public static final String RESOURCE = "project-catalogue.yaml";

    /** The first and last years a project or pilot may name (the events' schemas say the same). */
    public static final int FIRST_YEAR = 2000;

    public static final int LAST_YEAR = 2060;

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");
    private static final String[] NUMERALS = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

    /**
     * A numbered clause of the plan (（三）推动能源绿色低碳转型).
     *
     * @param number      its number (3)
     * @param label       its number as the plan writes it, （三）
     * @param departments the departments it makes responsible, the leading one first
     */
    public record Clause(int number, String label, String zh, String en, List<String> departments) {}

    /**
     * A type of key project.
     *
     * @param substances what a project of the type may record reductions of
     */
    public record ProjectType(String code, int clause, String zh, String en, Set<Substance> substances) {}

    /**
     * An industry of a programme by industry (the carbon-EIA pilot).
     *
     * @param extension one the plan extends the pilot to (热力、铸造), not one of its first four
     */
    public record Industry(String code, String zh, String en, boolean extension) {}

    /**
     * A pilot or designation programme.
     *
     * @param orgUnitLevels what it designates (CITY, DISTRICT, PARK, ENTERPRISE)
     * @param industries    for a programme by industry, the industries a pilot names one of; else empty
     */
    public record Programme(
            String code, int clause, String zh, String en, Set<OrgUnitLevel> orgUnitLevels, List<String> industries) {}

    private final Map<Integer, Clause> clauses;
    private final Map<String, ProjectType> types;
    private final Map<String, Industry> industries;
    private final Map<String, Programme> programmes;

    ProjectCatalogue(
            List<Clause> clauses, List<ProjectType> types, List<Industry> industries, List<Programme> programmes) {
        this.clauses = index(clauses, Clause::number, "clause");
        this.types = index(types, ProjectType::code, "project type");
        this.industries = index(industries, Industry::code, "industry");
        this.programmes = index(programmes, Programme::code, "programme");
        check();
    }

    /** Loads and checks the catalogue from the class path. */
    public static ProjectCatalogue load() {
        try (InputStream in = ProjectCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return parse(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static ProjectCatalogue parse(JsonNode root) {
        List<Clause> clauses = new ArrayList<>();
        for (JsonNode c : root.path("clauses")) {
            int n = c.path("number").asInt();
            clauses.add(new Clause(n, label(n), text(c, "zh"), text(c, "en"), texts(c.path("departments"))));
        }
        List<ProjectType> types = new ArrayList<>();
        for (JsonNode t : root.path("projectTypes")) {
            Set<Substance> substances = EnumSet.noneOf(Substance.class);
            for (String s : texts(t.path("substances"))) {
                substances.add(Substance.find(s)
                        .orElseThrow(() -> new IllegalStateException(
                                RESOURCE + ": " + t.path("code").asText() + " names an unknown substance " + s)));
            }
            types.add(new ProjectType(
                    text(t, "code"), t.path("clause").asInt(), text(t, "zh"), text(t, "en"), Set.copyOf(substances)));
        }
        List<Industry> industries = new ArrayList<>();
        for (JsonNode i : root.path("pilotIndustries")) {
            industries.add(new Industry(
                    text(i, "code"),
                    text(i, "zh"),
                    text(i, "en"),
                    i.path("extension").asBoolean(false)));
        }
        List<Programme> programmes = new ArrayList<>();
        for (JsonNode p : root.path("programmes")) {
            Set<OrgUnitLevel> levels = EnumSet.noneOf(OrgUnitLevel.class);
            for (String l : texts(p.path("orgUnitLevels"))) {
                try {
                    levels.add(OrgUnitLevel.valueOf(l));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(
                            RESOURCE + ": " + p.path("code").asText() + " names an unknown org-unit level " + l, e);
                }
            }
            programmes.add(new Programme(
                    text(p, "code"),
                    p.path("clause").asInt(),
                    text(p, "zh"),
                    text(p, "en"),
                    Set.copyOf(levels),
                    texts(p.path("industries"))));
        }
        return new ProjectCatalogue(clauses, types, industries, programmes);
    }

    private void check() {
        List<String> faults = new ArrayList<>();
        clauses.values().forEach(c -> {
            if (c.number() < 1
                    || c.number() > 26
                    || c.zh().isBlank()
                    || c.en().isBlank()
                    || c.departments().isEmpty()) {
                faults.add("clause " + c.number() + " needs a number of the plan (1-26), names and departments");
            }
        });
        types.values().forEach(t -> {
            checkEntry(faults, "project type", t.code(), t.clause(), t.zh(), t.en());
            if (t.substances().isEmpty()) {
                faults.add("project type " + t.code() + " names no substance");
            }
        });
        industries.values().forEach(i -> {
            if (!CODE.matcher(i.code()).matches() || i.zh().isBlank() || i.en().isBlank()) {
                faults.add("industry " + i.code() + " needs a code of capitals and names");
            }
        });
        programmes.values().forEach(p -> {
            checkEntry(faults, "programme", p.code(), p.clause(), p.zh(), p.en());
            Set<OrgUnitLevel> designable =
                    EnumSet.of(OrgUnitLevel.CITY, OrgUnitLevel.DISTRICT, OrgUnitLevel.PARK, OrgUnitLevel.ENTERPRISE);
            if (p.orgUnitLevels().isEmpty() || !designable.containsAll(p.orgUnitLevels())) {
                faults.add("programme " + p.code() + " designates CITY, DISTRICT, PARK or ENTERPRISE");
            }
            p.industries().stream()
                    .filter(i -> !industries.containsKey(i))
                    .forEach(i -> faults.add("programme " + p.code() + ": unknown industry " + i));
        });
        industries.keySet().stream()
                .filter(i -> programmes.values().stream()
                        .noneMatch(p -> p.industries().contains(i)))
                .forEach(i -> faults.add("industry " + i + " belongs to no programme"));
        clauses.keySet().stream()
                .filter(n -> types.values().stream().noneMatch(t -> t.clause() == n)
                        && programmes.values().stream().noneMatch(p -> p.clause() == n))
                .forEach(n -> faults.add("clause " + n + " names nothing"));
        if (types.isEmpty() || programmes.isEmpty()) {
            faults.add("the catalogue needs project types and programmes");
        }
        if (!faults.isEmpty()) {
            throw new IllegalStateException(RESOURCE + ": " + String.join("; ", faults));
        }
    }

    private void checkEntry(List<String> faults, String what, String code, int clause, String zh, String en) {
        if (!CODE.matcher(code).matches()) {
            faults.add(what + " '" + code + "' needs a code of capitals, digits and _");
        }
        if (!clauses.containsKey(clause)) {
            faults.add(what + " " + code + " names clause " + clause + ", which is not listed");
        }
        if (zh.isBlank() || en.isBlank()) {
            faults.add(what + " " + code + " needs a Chinese and an English name");
        }
    }

    /** The plan's way of numbering a clause: （三）, （十一）, （二十一）. */
    public static String label(int number) {
        String n = number <= 10
                ? NUMERALS[number]
                : number < 20 ? "十" + NUMERALS[number % 10] : NUMERALS[number / 10] + "十" + NUMERALS[number % 10];
        return "（" + n + "）";
    }

    public List<Clause> clauses() {
        return List.copyOf(clauses.values());
    }

    public Optional<Clause> clause(int number) {
        return Optional.ofNullable(clauses.get(number));
    }

    public List<ProjectType> types() {
        return List.copyOf(types.values());
    }

    public Optional<ProjectType> type(String code) {
        return Optional.ofNullable(code == null ? null : types.get(code));
    }

    public List<Industry> industries() {
        return List.copyOf(industries.values());
    }

    public Optional<Industry> industry(String code) {
        return Optional.ofNullable(code == null ? null : industries.get(code));
    }

    public List<Programme> programmes() {
        return List.copyOf(programmes.values());
    }

    public Optional<Programme> programme(String code) {
        return Optional.ofNullable(code == null ? null : programmes.get(code));
    }

    private static <K, V> Map<K, V> index(List<V> values, Function<V, K> key, String what) {
        Map<K, V> map = new LinkedHashMap<>();
        for (V v : values) {
            if (map.put(key.apply(v), v) != null) {
                throw new IllegalStateException(RESOURCE + ": " + what + " " + key.apply(v) + " is listed twice");
            }
        }
        return map;
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asText("");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }
}
