package io.synergy.registry.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.platform.outbox.OutboxMessage;
import io.synergy.platform.outbox.OutboxWriter;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Changes of registry entities that are published whole ({@link Versioned}): the key projects and the pilots. One
 * change, or an import's rows all or none: under the registry's lock the stored entities are read, {@code If-Match}
 * checked, every change validated (every fault of every change reported at once), and then a new entity persisted with
 * its first version, a changed one given its new content (Hibernate increments its version when it writes it), an
 * unchanged one left alone; an event of each changed one goes to the outbox in the same transaction.
 */
@ApplicationScoped
public class VersionedWrites {

    /**
     * Where an entity's events go.
     *
     * @param topic  the compacted topic, keyed by the entity's code
     * @param type   the CloudEvents type
     * @param schema the CloudEvents dataschema
     */
    public record Topic(String topic, String type, String schema) {}

    /**
     * A kind of entity.
     *
     * @param entity      its entity class (its id is {@code code})
     * @param create      a new, empty entity
     * @param changeCode  the code a change names
     * @param code        an entity's code: its key, its event's key and subject
     * @param sameContent whether two events say the same, whatever their versions and who wrote them when
     * @param topic       where its events go
     */
    public record Kind<C, E, S extends PanacheEntityBase & Versioned<E>>(
            Class<S> entity,
            Supplier<S> create,
            Function<C, String> changeCode,
            Function<E, String> code,
            BiPredicate<E, E> sameContent,
            Topic topic) {}

    /** Validates one change against the stored entity ({@code null}: new), adding each fault; {@code null} when there is one. */
    public interface Validator<C, E> {
        E validate(C change, E old, Fields fields, List<FieldError> errors, Instant now);
    }

    private final OutboxWriter outbox;
    private final ObjectMapper json;

    VersionedWrites(OutboxWriter outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /**
     * Applies changes in one transaction, all or none.
     *
     * @param fields  how each change names its fields in a problem
     * @param ifMatch the client's {@code If-Match} for a single change, or {@code null}
     */
    @Transactional
    public <C, E, S extends PanacheEntityBase & Versioned<E>> List<Written<E>> apply(
            Kind<C, E, S> kind, List<C> changes, List<Fields> fields, EntityTags ifMatch, Validator<C, E> validator) {
        RegistryLock.acquire();
        Map<String, S> stored = new LinkedHashMap<>();
        List<String> codes = changes.stream()
                .map(kind.changeCode())
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        if (!codes.isEmpty()) {
            Panache.getEntityManager()
                    .createQuery("from " + kind.entity().getSimpleName() + " where code in :codes", kind.entity())
                    .setParameter("codes", codes)
                    .getResultList()
                    .forEach(e -> stored.put(kind.code().apply(e.toEvent()), e));
        }
        if (ifMatch != null) {
            S target = stored.get(kind.changeCode().apply(changes.get(0)));
            ifMatch.require(target == null ? null : target.version());
        }
        Instant now = Instant.now();
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<E> valid = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            String code = kind.changeCode().apply(changes.get(i));
            if (code != null && !seen.add(code)) {
                errors.add(new FieldError(fields.get(i).name("code"), code + " appears twice in the table"));
                continue;
            }
            S old = stored.get(code);
            E e = validator.validate(changes.get(i), old == null ? null : old.toEvent(), fields.get(i), errors, now);
            if (e != null) {
                valid.add(e);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(
                    errors.size() + (errors.size() == 1 ? " fault" : " faults") + "; nothing was changed", errors);
        }
        return store(valid, kind.code(), stored, kind.create(), kind.sameContent(), kind.topic(), now);
    }

    /**
     * @param events      the validated entities, in the order of the request
     * @param code        an entity's code: its key, its event's key and subject
     * @param stored      the entities stored before, by code (new ones are added)
     * @param create      a new, empty entity
     * @param sameContent whether two events say the same, whatever their versions and who wrote them when
     */
    private <E, S extends PanacheEntityBase & Versioned<E>> List<Written<E>> store(
            List<E> events,
            Function<E, String> code,
            Map<String, S> stored,
            Supplier<S> create,
            BiPredicate<E, E> sameContent,
            Topic topic,
            Instant now) {
        List<S> entities = new ArrayList<>();
        List<Boolean> created = new ArrayList<>();
        List<Boolean> changed = new ArrayList<>();
        for (E e : events) {
            S entity = stored.get(code.apply(e));
            boolean isNew = entity == null;
            boolean differs = isNew || !sameContent.test(entity.toEvent(), e);
            if (isNew) {
                entity = create.get();
                entity.take(e);
                entity.persist();
                stored.put(code.apply(e), entity);
            } else if (differs) {
                entity.take(e);
            }
            entities.add(entity);
            created.add(isNew);
            changed.add(differs);
        }
        Panache.getEntityManager().flush();
        List<Written<E>> written = new ArrayList<>();
        List<OutboxMessage> messages = new ArrayList<>();
        for (int i = 0; i < entities.size(); i++) {
            E e = entities.get(i).toEvent();
            if (changed.get(i)) {
                String key = code.apply(e);
                messages.add(new OutboxMessage(
                        topic.topic(),
                        key,
                        UUID.randomUUID(),
                        topic.type(),
                        CloudEventTypes.REGISTRY_SOURCE,
                        key,
                        now,
                        topic.schema(),
                        write(e)));
            }
            written.add(new Written<>(e, created.get(i), changed.get(i)));
        }
        outbox.write(messages);
        return written;
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
