package io.synergy.testsupport.sector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.PartOfWholeRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Seeded random requests for the contract's property test: valid and invalid reports of a few org units (districts and
 * enterprises) for years, quarters and months, several report ids per org unit, revisions, late lower revisions,
 * identical resends, revisions that move a report, revisions by a writer of another district, and batches. It keeps
 * what the service stored, so that it can revise, move and resend, and says which answers each request may get — the
 * service decides whether values break a rule on the combined state; the test checks that nothing stored or published
 * ever does.
 */
final class RandomReports {

    /**
     * One request.
     *
     * @param limitedWriter sent by the writer limited to {@code ownUnits}' district, else by the sector's writer
     * @param allowed       the statuses it may be answered with
     */
    record Step(String kind, JsonNode body, boolean limitedWriter, Set<Integer> allowed) {
        @Override
        public String toString() {
            return kind + (limitedWriter ? " (district-limited writer)" : "") + ": " + body;
        }
    }

    /** What the service holds of a report id: where it belongs, its revisions, its current body. */
    private static final class Known {
        final String orgUnit;
        final String period;
        final Set<Integer> revisions = new TreeSet<>();
        ObjectNode current;

        Known(String orgUnit, String period) {
            this.orgUnit = orgUnit;
            this.period = period;
        }

        int highest() {
            return ((TreeSet<Integer>) revisions).last();
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Random random;
    private final String prefix;
    private final String source;
    private final List<String> units;
    private final List<String> ownUnits;
    private final List<String> periods;
    private final List<DataElement> elements;
    private final List<PartOfWholeRule> rules;
    private final Map<String, Known> known = new LinkedHashMap<>();
    private int ids;

    /**
     * @param units    the org units the run reports for (districts and enterprises)
     * @param ownUnits those of them the district-limited writer may write
     * @param periods  the periods it reports for (years, quarters and months of a few years)
     */
    RandomReports(
            long seed,
            String prefix,
            String source,
            List<String> units,
            List<String> ownUnits,
            List<String> periods,
            List<DataElement> elements,
            List<PartOfWholeRule> rules) {
        this.random = new Random(seed);
        this.prefix = prefix;
        this.source = source;
        this.units = units;
        this.ownUnits = ownUnits;
        this.periods = periods;
        this.elements = elements;
        this.rules = rules;
    }

    Step next() {
        int dice = random.nextInt(100);
        List<Map.Entry<String, Known>> foreign = known.entrySet().stream()
                .filter(e -> !ownUnits.contains(e.getValue().orgUnit))
                .toList();
        if (dice < 45 || known.isEmpty()) {
            boolean limited = random.nextInt(4) == 0;
            return new Step("report", fresh(limited), limited, Set.of(201, 422));
        }
        if (dice < 55) {
            ArrayNode batch = MAPPER.createArrayNode();
            Set<String> inBatch = new TreeSet<>();
            for (int i = 0, n = 2 + random.nextInt(2); i < n; i++) {
                ObjectNode r = fresh(false);
                if (inBatch.add(r.path("reportId").asText())) {
                    batch.add(r);
                }
            }
            if (random.nextInt(3) == 0) {
                ObjectNode moved = moved(pick(List.copyOf(known.keySet())));
                if (inBatch.add(moved.path("reportId").asText())) {
                    batch.add(moved);
                    return new Step("batch with a move", batch, false, Set.of(409));
                }
            }
            return new Step("batch", batch, false, Set.of(201, 422));
        }
        if (dice < 65) {
            return new Step("part above its whole in one report", invalid(), false, Set.of(400));
        }
        if (dice < 73) {
            return new Step("move", moved(pick(List.copyOf(known.keySet()))), false, Set.of(409));
        }
        if (dice < 81 && !foreign.isEmpty()) {
            Map.Entry<String, Known> other = pick(foreign);
            ObjectNode r = report(
                    other.getKey(),
                    pick(ownUnits),
                    other.getValue().period,
                    other.getValue().highest() + 1,
                    values());
            return new Step("revision of another district's report", r, true, Set.of(403));
        }
        if (dice < 89) {
            Map.Entry<String, Known> k = pick(List.copyOf(known.entrySet()));
            int gap = firstGap(k.getValue());
            if (gap > 0) {
                return new Step(
                        "late lower revision",
                        report(k.getKey(), k.getValue().orgUnit, k.getValue().period, gap, values()),
                        false,
                        Set.of(200));
            }
        }
        Map.Entry<String, Known> k = pick(List.copyOf(known.entrySet()));
        if (k.getValue().current != null && random.nextBoolean()) {
            return new Step("identical resend", k.getValue().current.deepCopy(), false, Set.of(200));
        }
        return new Step("revision", revision(k.getKey(), k.getValue()), false, Set.of(201, 422));
    }

    /** Learns what the service stored from a 2xx answer (one result, or an array in request order). */
    void answered(Step step, JsonNode answer) {
        List<JsonNode> bodies = new ArrayList<>();
        if (step.body().isArray()) {
            step.body().forEach(bodies::add);
        } else {
            bodies.add(step.body());
        }
        List<JsonNode> results = new ArrayList<>();
        if (answer.isArray()) {
            answer.forEach(results::add);
        } else {
            results.add(answer);
        }
        for (int i = 0; i < bodies.size(); i++) {
            ObjectNode body = (ObjectNode) bodies.get(i);
            String status = results.get(i).path("status").asText();
            Known k = known.computeIfAbsent(
                    body.path("reportId").asText(),
                    id -> new Known(
                            body.path("orgUnit").asText(), body.path("period").asText()));
            k.revisions.add(results.get(i).path("revision").asInt());
            if (status.equals("ACCEPTED") || status.equals("REVISED")) {
                k.current = body;
            }
        }
    }

    /** A new report (one in six times a further report id of an org unit and period that has some) or a revision. */
    private ObjectNode fresh(boolean limited) {
        List<String> candidates = limited ? ownUnits : units;
        if (!known.isEmpty() && random.nextInt(3) == 0) {
            List<Map.Entry<String, Known>> mine = known.entrySet().stream()
                    .filter(e -> candidates.contains(e.getValue().orgUnit))
                    .toList();
            if (!mine.isEmpty()) {
                Map.Entry<String, Known> k = pick(mine);
                return revision(k.getKey(), k.getValue());
            }
        }
        return report(prefix + (ids++), pick(candidates), pick(periods), 1, values());
    }

    private ObjectNode revision(String id, Known k) {
        return report(id, k.orgUnit, k.period, k.highest() + 1 + random.nextInt(2), values());
    }

    private ObjectNode moved(String id) {
        Known k = known.get(id);
        boolean unit = random.nextBoolean();
        String orgUnit =
                unit ? pick(units.stream().filter(u -> !u.equals(k.orgUnit)).toList()) : k.orgUnit;
        String period = unit
                ? k.period
                : pick(periods.stream().filter(p -> !p.equals(k.period)).toList());
        return report(id, orgUnit, period, k.highest() + 1, values());
    }

    /** A report whose values break a rule by themselves: refused before anything else is looked at. */
    private ObjectNode invalid() {
        PartOfWholeRule rule = pick(rules);
        Map<String, Double> values = values();
        double whole = values.getOrDefault(rule.whole(), (double) random.nextInt(100));
        values.put(rule.whole(), whole);
        values.put(rule.part(), whole + 1 + random.nextInt(50));
        return report(prefix + (ids++), pick(units), pick(periods), 1, values);
    }

    /**
     * Some of the sector's data elements with small whole numbers (now and then a large one, to leave the plausibility
     * band), parts within their wholes inside the report — other reports' values may still break the rules.
     */
    private Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>();
        for (DataElement de : elements) {
            if (random.nextInt(3) == 0) {
                values.put(de.code(), (double)
                        (random.nextInt(20) == 0 ? 5_000 + random.nextInt(5_000) : random.nextInt(150)));
            }
        }
        if (values.isEmpty()) {
            PartOfWholeRule rule = pick(rules);
            values.put(random.nextBoolean() ? rule.part() : rule.whole(), (double) random.nextInt(150));
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (PartOfWholeRule r : rules) {
                if (values.containsKey(r.part())
                        && values.containsKey(r.whole())
                        && values.get(r.part()) > values.get(r.whole())) {
                    values.put(r.part(), Math.floor(values.get(r.whole()) * random.nextDouble()));
                    changed = true;
                }
            }
        }
        return values;
    }

    private ObjectNode report(String id, String orgUnit, String period, int revision, Map<String, Double> values) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("reportId", id);
        n.put("source", source);
        n.put("orgUnit", orgUnit);
        n.put("period", period);
        n.put("revision", revision);
        ArrayNode vs = n.putArray("values");
        values.forEach((code, v) -> vs.addObject().put("dataElement", code).put("value", v));
        return n;
    }

    /** A revision below the highest that the service has not seen, or 0. */
    private static int firstGap(Known k) {
        for (int r = 1; r < k.highest(); r++) {
            if (!k.revisions.contains(r)) {
                return r;
            }
        }
        return 0;
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
