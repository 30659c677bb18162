package io.synergy.registry.orgunits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.OrgUnitEvent;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.EnterpriseFlag;
import io.synergy.model.orgunit.IndustryClassification;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.outbox.OutboxMessage;
import io.synergy.platform.outbox.OutboxWriter;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.transaction.AfterCommit;
import io.synergy.registry.shared.EntityTags;
import io.synergy.registry.shared.RegistryLock;
import io.synergy.registry.shared.Written;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The registry of parks and enterprises: validates changes, stores them ({@link OrgUnitEntity}), publishes each one on
 * {@code org-units.v1} through the outbox (same transaction), and keeps this instance's {@link OrgUnitRegistry} current.
 * What a unit's move means for figures is for the services that hold them: the aggregation learns it from the topic.
 */
@ApplicationScoped
public class OrgUnitService {

    /** A park: its district's code, {@code P}, two digits ({@code 370211P01}). */
    static final Pattern PARK_CODE = Pattern.compile("\\d{6}P\\d{2}");

    private final OrgUnitRegistry registry;
    private final OutboxWriter outbox;
    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transactions;

    OrgUnitService(
            OrgUnitRegistry registry,
            OutboxWriter outbox,
            ObjectMapper json,
            TransactionSynchronizationRegistry transactions) {
        this.registry = registry;
        this.outbox = outbox;
        this.json = json;
        this.transactions = transactions;
    }

    /** At start, this instance's registry learns every stored unit (parks first, so enterprises find their parent). */
    void load(@Observes @Priority(5) StartupEvent event) {
        QuarkusTransaction.requiringNew()
                .run(() -> OrgUnitEntity.<OrgUnitEntity>listAll(
                                Sort.descending("level").and("code"))
                        .stream()
                        .map(OrgUnitEntity::toEvent)
                        .forEach(registry::apply));
    }

    /** The stored unit, if any. */
    @Transactional
    public Optional<OrgUnitEvent> find(String code) {
        return OrgUnitEntity.<OrgUnitEntity>findByIdOptional(code).map(OrgUnitEntity::toEvent);
    }

    /**
     * The stored units in code order, filtered as {@link OrgUnitResource#list} says: those after the code {@code after}
     * (if given), at most {@code limit} of them (if given).
     */
    @Transactional
    public List<OrgUnitEvent> list(OrgUnitLevel level, String parent, String industry, String after, Integer limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (level != null) {
            where.append(" and level = :level");
            params.and("level", level);
        }
        if (parent != null) {
            // the parent itself, or a park of that district: every unit inside it
            where.append(
                    " and (parent = :parent or parent in (select p.code from OrgUnitEntity p where p.level = :park and p.parent = :parent))");
            params.and("parent", parent).and("park", OrgUnitLevel.PARK);
        }
        if (industry != null) {
            where.append(
                    " and industrySection is not null and (industrySection = :industry or industryDivision = :industry)");
            params.and("industry", industry);
        }
        if (after != null) {
            where.append(" and code > :after");
            params.and("after", after);
        }
        PanacheQuery<OrgUnitEntity> query = OrgUnitEntity.find(where.toString(), Sort.by("code"), params);
        return (limit == null ? query : query.range(0, limit - 1))
                .stream().map(OrgUnitEntity::toEvent).toList();
    }

    /**
     * Creates or updates units in one transaction (a CSV import is all or nothing). Every fault of every unit is
     * reported at once, with the path of the field ({@code code}, {@code [3].parent}).
     *
     * @param ifMatch the client's {@code If-Match} for a single change, or {@code null}: the change is made only if the
     *                stored unit's version is one of its entity tags (412 otherwise)
     */
    @Transactional
    public List<Written<OrgUnitEvent>> apply(
            List<OrgUnitChange> changes, List<String> paths, String operator, EntityTags ifMatch) {
        RegistryLock.acquire();
        Map<String, OrgUnitEntity> stored = new LinkedHashMap<>();
        List<String> codes = changes.stream()
                .map(OrgUnitChange::code)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        if (!codes.isEmpty()) {
            OrgUnitEntity.<OrgUnitEntity>list("code in ?1", codes).forEach(e -> stored.put(e.code, e));
        }
        if (ifMatch != null) {
            OrgUnitEntity target = stored.get(changes.get(0).code());
            ifMatch.require(target == null ? null : target.version);
        }
        // validate against the registry as it will be: parks of the same request may be parents of its enterprises
        OrgUnits view = registry.current();
        List<FieldError> errors = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> "ENTERPRISE".equals(changes.get(i).level()))); // parks first
        Instant now = Instant.now();
        OrgUnitEvent[] byIndex = new OrgUnitEvent[changes.size()];
        for (int i : order) {
            OrgUnitEntity old = stored.get(changes.get(i).code());
            OrgUnitEvent e = validate(
                    changes.get(i), old == null ? null : old.toEvent(), paths.get(i), view, errors, operator, now);
            if (e != null) {
                try {
                    view = view.withUnit(e.toOrgUnit());
                    byIndex[i] = e;
                } catch (IllegalArgumentException ex) {
                    errors.add(new FieldError(paths.get(i) + "parent", ex.getMessage()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(
                    errors.size() + (errors.size() == 1 ? " fault" : " faults") + "; nothing was changed", errors);
        }
        List<OrgUnitEntity> written = new ArrayList<>();
        List<Boolean> created = new ArrayList<>();
        List<Boolean> changed = new ArrayList<>();
        for (OrgUnitEvent e : byIndex) {
            OrgUnitEntity entity = stored.get(e.code());
            boolean isNew = entity == null;
            boolean differs = isNew || !sameContent(entity.toEvent(), e);
            if (isNew) {
                entity = new OrgUnitEntity();
                entity.take(e);
                entity.version = e.version();
                entity.persist();
                stored.put(e.code(), entity);
            } else if (differs) {
                entity.take(e); // Hibernate increments the version when it writes the change
            }
            written.add(entity);
            created.add(isNew);
            changed.add(differs);
        }
        Panache.getEntityManager().flush();
        List<Written<OrgUnitEvent>> outcomes = new ArrayList<>();
        List<OutboxMessage> events = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            OrgUnitEvent e = written.get(i).toEvent();
            if (changed.get(i)) {
                events.add(new OutboxMessage(
                        Topics.ORG_UNITS,
                        e.code(),
                        UUID.randomUUID(),
                        CloudEventTypes.ORG_UNIT,
                        CloudEventTypes.REGISTRY_SOURCE,
                        e.code(),
                        now,
                        CloudEventTypes.ORG_UNIT_SCHEMA,
                        write(e)));
            }
            outcomes.add(new Written<>(e, created.get(i), changed.get(i)));
        }
        outbox.write(events);
        List<OrgUnitEvent> applied =
                outcomes.stream().filter(Written::changed).map(Written::event).toList();
        AfterCommit.run(transactions, () -> applied.forEach(registry::apply));
        return outcomes;
    }

    private OrgUnitEvent validate(
            OrgUnitChange ch,
            OrgUnitEvent old,
            String path,
            OrgUnits view,
            List<FieldError> errors,
            String operator,
            Instant now) {
        int before = errors.size();
        OrgUnitLevel level = null;
        if (ch.level() == null || !(ch.level().equals("PARK") || ch.level().equals("ENTERPRISE"))) {
            errors.add(new FieldError(path + "level", "must be PARK or ENTERPRISE"));
        } else {
            level = OrgUnitLevel.valueOf(ch.level());
        }
        if (old != null && level != null && old.level() != level) {
            errors.add(new FieldError(
                    path + "level", ch.code() + " is registered as a " + old.level() + "; the level cannot change"));
        }
        if (ch.code() == null || ch.code().isBlank()) {
            errors.add(new FieldError(path + "code", "is required"));
        } else if (level == OrgUnitLevel.PARK && !PARK_CODE.matcher(ch.code()).matches()) {
            errors.add(new FieldError(
                    path + "code", "a park's code is its district's code, P and two digits, e.g. 370211P01"));
        } else if (level == OrgUnitLevel.ENTERPRISE) {
            UnifiedSocialCreditCode.problem(ch.code())
                    .ifPresent(p -> errors.add(
                            new FieldError(path + "code", "not a valid unified social credit code (统一社会信用代码): " + p)));
        }
        if (ch.zh() == null || ch.zh().isBlank() || ch.zh().length() > 200) {
            errors.add(new FieldError(path + "zh", "the Chinese name is required (at most 200 characters)"));
        }
        if (ch.en() != null && ch.en().length() > 200) {
            errors.add(new FieldError(path + "en", "at most 200 characters"));
        }
        if (ch.parent() == null || view.find(ch.parent()).isEmpty()) {
            errors.add(new FieldError(
                    path + "parent",
                    "'" + ch.parent() + "' is not a district" + (level == OrgUnitLevel.ENTERPRISE ? " or a park" : "")
                            + " of the registry"));
        } else if (level == OrgUnitLevel.PARK
                && ch.code() != null
                && PARK_CODE.matcher(ch.code()).matches()
                && !ch.code().startsWith(ch.parent())) {
            errors.add(new FieldError(path + "code", "a park's code starts with its district's code " + ch.parent()));
        }
        if (level == OrgUnitLevel.ENTERPRISE) {
            IndustryClassification.problem(ch.industrySection(), ch.industryDivision())
                    .ifPresent(p -> errors.add(new FieldError(path + "industryDivision", p)));
        }
        Set<String> flags = ch.flags() == null ? Set.of() : new TreeSet<>(ch.flags());
        for (String f : flags) {
            if (Arrays.stream(EnterpriseFlag.values()).noneMatch(x -> x.name().equals(f))) {
                errors.add(new FieldError(
                        path + "flags", "'" + f + "' is not one of " + Arrays.toString(EnterpriseFlag.values())));
            } else if (level == OrgUnitLevel.PARK) {
                errors.add(new FieldError(path + "flags", "flags are for enterprises"));
            }
        }
        if (errors.size() > before) {
            return null;
        }
        boolean closed = ch.closed() != null ? ch.closed() : old != null && old.closed();
        // a unit new to this table continues the versions org-units.v1 already carries for its code (a registry moved
        // here from another service by a CSV import): consumers ignore versions they have seen
        long version = old == null ? registry.version(ch.code()) + 1 : old.version() + 1;
        return new OrgUnitEvent(
                ch.code(),
                level,
                ch.zh(),
                ch.en() == null ? "" : ch.en(),
                ch.parent(),
                level == OrgUnitLevel.ENTERPRISE ? ch.industrySection() : null,
                level == OrgUnitLevel.ENTERPRISE ? ch.industryDivision() : null,
                flags,
                closed,
                version,
                now,
                operator);
    }

    private static boolean sameContent(OrgUnitEvent a, OrgUnitEvent b) {
        return a.level() == b.level()
                && a.zh().equals(b.zh())
                && a.en().equals(b.en())
                && a.parent().equals(b.parent())
                && Objects.equals(a.industrySection(), b.industrySection())
                && Objects.equals(a.industryDivision(), b.industryDivision())
                && a.flags().equals(b.flags())
                && a.closed() == b.closed();
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
