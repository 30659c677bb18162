package io.synergy.registry.targets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.runtime.Startup;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.TargetEvent;
import io.synergy.model.event.TargetEventValidator;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.target.Allocation;
import io.synergy.model.target.AppliedTarget;
import io.synergy.model.target.ProvincialTarget;
import io.synergy.model.target.TargetRules;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.outbox.OutboxMessage;
import io.synergy.platform.outbox.OutboxWriter;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.registry.shared.EntityTags;
import io.synergy.registry.shared.Fields;
import io.synergy.registry.shared.Filters;
import io.synergy.registry.shared.RegistryLock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The targets allocated to org units (目标分解): validates allocations, stores them ({@link TargetEntity}, with a
 * {@link TargetChangeEntity} per change), publishes each changed (indicator, org unit) on {@code targets.v1} through the
 * outbox (same transaction), and answers which target applies to each indicator, unit and year with {@link TargetRules}.
 * Built at start, so that a provincial assignment that is not valid stops the service rather than a request.
 */
@Startup
@ApplicationScoped
public class TargetService {

    private final TargetRules rules;
    private final TargetsConfig config;
    private final OutboxWriter outbox;
    private final ObjectMapper json;

    TargetService(
            Catalogue catalogue,
            OrgUnitRegistry registry,
            TargetsConfig config,
            OutboxWriter outbox,
            ObjectMapper json) {
        Map<String, ProvincialTarget> provincial = new LinkedHashMap<>();
        config.provincial().forEach((id, p) -> provincial.put(id, new ProvincialTarget(p.value(), p.document())));
        // the city, its districts and groups are fixed at start (parks and enterprises, which change, have no targets)
        this.rules = new TargetRules(catalogue, registry.current(), provincial);
        this.config = config;
        this.outbox = outbox;
        this.json = json;
    }

    public TargetRules rules() {
        return rules;
    }

    /** The years listed when no year is asked for: from the configured first year to the plan's last or this year. */
    public List<Integer> defaultYears() {
        int last = Math.max(rules.lastPlanYear(), LocalDate.now().getYear());
        List<Integer> years = new ArrayList<>();
        for (int y = config.firstYear(); y <= last; y++) {
            years.add(y);
        }
        return years;
    }

    /** The target of every indicator, unit and year asked for (each {@code null}: all), in that order of nesting. */
    @Transactional
    public List<AppliedTarget> applied(Indicator indicator, OrgUnit unit, List<Integer> years) {
        Map<TargetEntity.Key, List<Allocation>> stored = new HashMap<>();
        for (TargetEntity e : load(indicator == null ? null : indicator.id(), unit == null ? null : unit.code())) {
            stored.put(new TargetEntity.Key(e.indicator, e.orgUnit), e.timeline());
        }
        List<AppliedTarget> rows = new ArrayList<>();
        for (Indicator i : indicator == null ? rules.indicators() : List.of(indicator)) {
            for (OrgUnit u : unit == null ? rules.units() : List.of(unit)) {
                List<Allocation> allocations = stored.getOrDefault(new TargetEntity.Key(i.id(), u.code()), List.of());
                for (int y : years) {
                    rows.add(rules.resolve(i, u, y, allocations));
                }
            }
        }
        return rows;
    }

    private static List<TargetEntity> load(String indicator, String orgUnit) {
        Filters f = new Filters()
                .where("t.indicator = :indicator", "indicator", indicator)
                .where("t.orgUnit = :orgUnit", "orgUnit", orgUnit);
        return TargetEntity.<TargetEntity>find(
                        "select distinct t from TargetEntity t left join fetch t.allocations where " + f.query(),
                        f.parameters())
                .list();
    }

    /** The allocations of an indicator to a unit, if any. */
    @Transactional
    public Optional<TargetAllocations> find(String indicator, String orgUnit) {
        return TargetEntity.<TargetEntity>findByIdOptional(new TargetEntity.Key(indicator, orgUnit))
                .map(TargetAllocations::of);
    }

    /** The changes in the order they were made, after the change {@code afterId} (if given), at most {@code limit} (if given). */
    @Transactional
    public List<TargetChangeView> history(String indicator, String orgUnit, Long afterId, Integer limit) {
        Filters f = new Filters()
                .equal("indicator", indicator)
                .equal("orgUnit", orgUnit)
                .where("id > :after", "after", afterId);
        return Filters.limited(
                        TargetChangeEntity.<TargetChangeEntity>find(f.query() + " order by id", f.parameters()), limit)
                .stream()
                .map(TargetChangeView::of)
                .toList();
    }

    /**
     * An allocation as a client asks for it (a body, or an upload's row), and how problem details name its fields
     * ({@code targetYear}, {@code line 3: target_year}).
     */
    public record Requested(
            String indicator,
            String orgUnit,
            Double value,
            Integer targetYear,
            String document,
            LocalDate effectiveFrom,
            Fields fields) {}

    /** What a change did: each (indicator, org unit) it touched, and how many allocations it added, replaced or left. */
    public record Outcome(List<Touched> targets, int added, int replaced, int unchanged) {}

    /** An (indicator, org unit) after a change: whether it is new, and whether it changed (a new version). */
    public record Touched(TargetAllocations target, boolean created, boolean changed) {}

    /**
     * Sets allocations in one transaction (an import is all or nothing). Every fault of every allocation is reported at
     * once.
     *
     * @param ifMatch the client's {@code If-Match} for a single allocation, or {@code null}: the change is made only if the
     *                stored (indicator, org unit)'s version is one of its entity tags (412 otherwise)
     */
    @Transactional
    public Outcome apply(List<Requested> requests, String operator, EntityTags ifMatch, TargetChangeEntity.Via via) {
        if (requests.isEmpty()) {
            throw ProblemException.invalid(
                    "No allocations", List.of(new FieldError("body", "has a header but no rows")));
        }
        RegistryLock.acquire();
        Instant now = Instant.now();
        List<FieldError> errors = new ArrayList<>();
        Map<TargetEntity.Key, List<Allocation>> byKey = new LinkedHashMap<>();
        Map<String, String> days = new HashMap<>();
        Map<TargetEntity.Key, String> lastField = new HashMap<>();
        for (Requested r : requests) {
            Allocation a = validate(r, errors, operator, now);
            if (a == null) {
                continue;
            }
            String day = r.indicator() + "|" + r.orgUnit() + "|" + a.effectiveFrom();
            String first = days.putIfAbsent(day, r.fields().name("effectiveFrom"));
            if (first != null) {
                errors.add(new FieldError(
                        r.fields().name("effectiveFrom"),
                        "allocates " + r.indicator() + " to " + r.orgUnit() + " from " + a.effectiveFrom() + " again ("
                                + first + "): one allocation per day"));
                continue;
            }
            byKey.computeIfAbsent(new TargetEntity.Key(r.indicator(), r.orgUnit()), k -> new ArrayList<>())
                    .add(a);
            lastField.put(
                    new TargetEntity.Key(r.indicator(), r.orgUnit()), r.fields().name("effectiveFrom"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(
                    errors.size() + (errors.size() == 1 ? " fault" : " faults") + "; nothing was changed", errors);
        }
        int added = 0;
        int replaced = 0;
        int unchanged = 0;
        Map<TargetEntity, Integer> changedFrom = new LinkedHashMap<>();
        List<Map.Entry<TargetEntity, TargetChangeEntity>> history = new ArrayList<>();
        List<TargetEntity> entities = new ArrayList<>();
        List<Boolean> created = new ArrayList<>();
        for (Map.Entry<TargetEntity.Key, List<Allocation>> k : byKey.entrySet()) {
            TargetEntity entity = TargetEntity.findById(k.getKey());
            if (ifMatch != null) {
                ifMatch.require(entity == null ? null : entity.version);
            }
            boolean isNew = entity == null;
            if (isNew) {
                entity = new TargetEntity();
                entity.indicator = k.getKey().indicator;
                entity.orgUnit = k.getKey().orgUnit;
                entity.version = 1;
            }
            for (Allocation a : k.getValue()) {
                AllocationColumns old = entity.allocations.stream()
                        .filter(c -> c.effectiveFrom.equals(a.effectiveFrom()))
                        .findFirst()
                        .orElse(null);
                if (old != null && old.toAllocation().sameTarget(a)) {
                    unchanged++;
                    continue;
                }
                if (old != null) {
                    entity.allocations.remove(old);
                    replaced++;
                } else {
                    added++;
                }
                entity.allocations.add(AllocationColumns.of(a));
                history.add(Map.entry(entity, change(entity, old, a, via)));
                changedFrom.merge(entity, a.firstYear(), Math::min);
            }
            // the key's event carries its whole timeline: bounded as its consumers bound it, and so far below what
            // Kafka takes in one record (docs/events.md, "Event size"); the transaction rolls back, nothing stored
            if (entity.allocations.size() > TargetEventValidator.MAX_ALLOCATIONS) {
                errors.add(new FieldError(
                        lastField.get(k.getKey()),
                        "would give " + entity.indicator + " for " + entity.orgUnit + " " + entity.allocations.size()
                                + " allocations; at most " + TargetEventValidator.MAX_ALLOCATIONS
                                + " (replace an allocation of the same day instead of adding days)"));
            }
            if (changedFrom.containsKey(entity)) {
                entity.changedAt = now;
                entity.changedBy = operator;
                if (isNew) {
                    entity.persist();
                }
            }
            entities.add(entity);
            created.add(isNew);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(
                    errors.size() + (errors.size() == 1 ? " fault" : " faults") + "; nothing was changed", errors);
        }
        // the versions Hibernate gives the changed keys are those of their history and events
        Panache.getEntityManager().flush();
        for (Map.Entry<TargetEntity, TargetChangeEntity> h : history) {
            h.getValue().version = h.getKey().version;
            h.getValue().persist();
        }
        List<OutboxMessage> events = new ArrayList<>();
        changedFrom.forEach((e, year) -> {
            TargetEvent event = e.toEvent(year);
            String key = TargetEvent.key(e.indicator, e.orgUnit);
            events.add(new OutboxMessage(
                    Topics.TARGETS,
                    key,
                    UUID.randomUUID(),
                    CloudEventTypes.TARGET,
                    CloudEventTypes.REGISTRY_SOURCE,
                    key,
                    now,
                    CloudEventTypes.TARGET_SCHEMA,
                    write(event)));
        });
        outbox.write(events);
        List<Touched> touched = new ArrayList<>();
        for (int i = 0; i < entities.size(); i++) {
            touched.add(new Touched(
                    TargetAllocations.of(entities.get(i)), created.get(i), changedFrom.containsKey(entities.get(i))));
        }
        return new Outcome(touched, added, replaced, unchanged);
    }

    /** The allocation asked for, or {@code null} with its faults added to {@code errors}. */
    private Allocation validate(Requested r, List<FieldError> errors, String operator, Instant now) {
        int before = errors.size();
        Fields f = r.fields();
        Indicator indicator = indicator(r.indicator(), f.name("indicator"), errors);
        unit(r.orgUnit(), f.name("orgUnit"), errors);
        if (r.value() == null) {
            errors.add(new FieldError(f.name("value"), "is required: the target, in the indicator's unit"));
        } else if (indicator != null) {
            TargetRules.valueProblem(indicator, r.value())
                    .ifPresent(p -> errors.add(new FieldError(f.name("value"), p)));
        }
        if (r.targetYear() == null) {
            errors.add(new FieldError(
                    f.name("targetYear"),
                    "is required: the year to reach the target by (kept every year: the first year it holds)"));
        } else {
            TargetRules.yearProblem(r.targetYear()).ifPresent(p -> errors.add(new FieldError(f.name("targetYear"), p)));
        }
        Optional<String> document = TargetRules.normaliseDocument(r.document());
        if (document.isEmpty()) {
            boolean blank = r.document() == null || r.document().isBlank();
            errors.add(new FieldError(
                    f.name("document"), blank ? "is required: " + TargetRules.DOCUMENT : TargetRules.DOCUMENT_RULE));
        }
        if (r.effectiveFrom() == null) {
            errors.add(new FieldError(
                    f.name("effectiveFrom"), "is required: the day the document puts the target in force, yyyy-mm-dd"));
        } else {
            TargetRules.yearProblem(r.effectiveFrom().getYear())
                    .ifPresent(p -> errors.add(new FieldError(f.name("effectiveFrom"), "its year " + p)));
        }
        if (errors.size() > before) {
            return null;
        }
        return new Allocation(r.effectiveFrom(), r.value(), r.targetYear(), document.orElseThrow(), operator, now);
    }

    /** The indicator of that id if it has a target in the catalogue; otherwise {@code null}, and a fault naming {@code field}. */
    public Indicator indicator(String id, String field, List<FieldError> errors) {
        Indicator i = rules.indicator(id).orElse(null);
        if (i == null) {
            errors.add(new FieldError(
                    field,
                    "'" + id + "' is not an indicator with a target in the catalogue ("
                            + rules.indicators().stream().map(Indicator::id).collect(Collectors.joining(", ")) + ")"));
        }
        return i;
    }

    /** The unit of that code if targets are allocated to it; otherwise {@code null}, and a fault naming {@code field}. */
    public OrgUnit unit(String code, String field, List<FieldError> errors) {
        OrgUnit u = rules.unit(code).orElse(null);
        if (u == null) {
            errors.add(new FieldError(
                    field,
                    "'" + code + "' is not the city, a district or a group: targets are allocated to "
                            + rules.units().stream().map(OrgUnit::code).collect(Collectors.joining(", "))));
        }
        return u;
    }

    private static TargetChangeEntity change(
            TargetEntity e, AllocationColumns old, Allocation a, TargetChangeEntity.Via via) {
        TargetChangeEntity c = new TargetChangeEntity();
        c.indicator = e.indicator;
        c.orgUnit = e.orgUnit;
        c.effectiveFrom = a.effectiveFrom();
        if (old != null) {
            c.oldValue = old.value;
            c.oldTargetYear = old.targetYear;
            c.oldDocument = old.document;
        }
        c.newValue = a.value();
        c.newTargetYear = a.targetYear();
        c.newDocument = a.document();
        c.changedBy = a.setBy();
        c.changedAt = a.setAt();
        c.via = via;
        return c;
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
