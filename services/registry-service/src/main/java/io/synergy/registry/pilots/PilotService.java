package io.synergy.registry.pilots;

import io.quarkus.panache.common.Sort;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.PilotEvent;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.project.DesignationLevel;
import io.synergy.model.project.PilotStatus;
import io.synergy.model.project.ProjectCatalogue;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.problem.FieldError;
import io.synergy.registry.shared.Checks;
import io.synergy.registry.shared.EntityTags;
import io.synergy.registry.shared.Fields;
import io.synergy.registry.shared.Filters;
import io.synergy.registry.shared.Params;
import io.synergy.registry.shared.VersionedWrites;
import io.synergy.registry.shared.Written;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The pilots and designations (试点示范): validates changes against the catalogue's programmes and the registry of org
 * units, stores them ({@link PilotEntity}) and publishes each change on {@code pilots.v1} through the outbox (same
 * transaction).
 */
@ApplicationScoped
public class PilotService {

    static final VersionedWrites.Kind<PilotChange, PilotEvent, PilotEntity> KIND = new VersionedWrites.Kind<>(
            PilotEntity.class,
            PilotEntity::new,
            PilotChange::code,
            PilotEvent::code,
            PilotService::sameContent,
            new VersionedWrites.Topic(Topics.PILOTS, CloudEventTypes.PILOT, CloudEventTypes.PILOT_SCHEMA));

    private final OrgUnitRegistry registry;
    private final ProjectCatalogue catalogue;
    private final VersionedWrites writes;

    PilotService(OrgUnitRegistry registry, ProjectCatalogue catalogue, VersionedWrites writes) {
        this.registry = registry;
        this.catalogue = catalogue;
        this.writes = writes;
    }

    /**
     * Which pilots a list answers; {@code null} filters nothing.
     *
     * @param orgUnits the org units a pilot may be of (a unit and every unit below it)
     * @param year     the year designated
     */
    public record Filter(
            String programme,
            Integer clause,
            Set<String> orgUnits,
            DesignationLevel level,
            PilotStatus status,
            Integer year,
            String industry) {}

    /** The pilots in code order, from after {@code after}, at most {@code limit}. */
    @Transactional
    public List<PilotEvent> list(Filter f, String after, Integer limit) {
        Filters where = new Filters()
                .equal("programme", f.programme())
                .equal("clause", f.clause())
                .in("orgUnit", f.orgUnits())
                .equal("level", f.level())
                .equal("status", f.status())
                .equal("yearDesignated", f.year())
                .equal("industry", f.industry())
                .after(after);
        return Filters.limited(PilotEntity.<PilotEntity>find(where.query(), Sort.by("code"), where.parameters()), limit)
                .stream()
                .map(PilotEntity::toEvent)
                .toList();
    }

    @Transactional
    public Optional<PilotEvent> find(String code) {
        return PilotEntity.<PilotEntity>findByIdOptional(code).map(PilotEntity::toEvent);
    }

    /** Creates or changes pilots in one transaction (an import is all or nothing), every fault of every pilot at once. */
    public List<Written<PilotEvent>> apply(
            List<PilotChange> changes, List<Fields> fields, String operator, EntityTags ifMatch) {
        OrgUnits units = registry.current();
        int thisYear = Checks.today().getYear();
        return writes.apply(
                KIND,
                changes,
                fields,
                ifMatch,
                (ch, old, f, errors, now) -> validate(ch, old, f, units, errors, operator, now, thisYear));
    }

    private PilotEvent validate(
            PilotChange ch,
            PilotEvent old,
            Fields f,
            OrgUnits units,
            List<FieldError> errors,
            String operator,
            Instant now,
            int thisYear) {
        int before = errors.size();
        Checks.code(ch.code(), f.name("code"), errors);
        Checks.text(ch.document(), false, f.name("document"), errors);
        ProjectCatalogue.Programme programme =
                catalogue.programme(ch.programme()).orElse(null);
        if (programme == null) {
            errors.add(new FieldError(
                    f.name("programme"),
                    "'" + ch.programme() + "' is not a programme of GET /api/v1/pilots/programmes"));
        }
        OrgUnit unit = units.find(ch.orgUnit()).orElse(null);
        if (unit == null || unit.level() == OrgUnitLevel.GROUP) {
            errors.add(new FieldError(
                    f.name("orgUnit"),
                    "'" + ch.orgUnit() + "' is not the city, a district, a park or an enterprise of the registry"));
        } else if (programme != null && !programme.orgUnitLevels().contains(unit.level())) {
            errors.add(new FieldError(
                    f.name("orgUnit"),
                    programme.code() + " designates "
                            + programme.orgUnitLevels().stream().sorted().toList() + ", not a " + unit.level()));
        } else if (unit.closed() && (old == null || !old.orgUnit().equals(unit.code()))) {
            errors.add(new FieldError(f.name("orgUnit"), unit.code() + " is closed"));
        }
        String industry = Checks.blankToNull(ch.industry());
        if (programme != null && programme.industries().isEmpty() && industry != null) {
            errors.add(new FieldError(f.name("industry"), programme.code() + " is not by industry: leave it out"));
        } else if (programme != null
                && !programme.industries().isEmpty()
                && (industry == null || !programme.industries().contains(industry))) {
            errors.add(new FieldError(
                    f.name("industry"), programme.code() + " is by industry: one of " + programme.industries()));
        }
        DesignationLevel level = Params.oneOf(DesignationLevel.class, ch.level(), f.name("level"), errors);
        if (level == null && (ch.level() == null || ch.level().isBlank())) {
            errors.add(new FieldError(f.name("level"), "is required: NATIONAL, PROVINCIAL or CITY"));
        }
        PilotStatus given = Params.oneOf(PilotStatus.class, ch.status(), f.name("status"), errors);
        PilotStatus status = given != null ? given : old == null ? PilotStatus.APPLIED : old.status();
        String document = Checks.blankToNull(ch.document());
        if (Checks.year(ch.yearDesignated(), f.name("yearDesignated"), errors)
                && ch.yearDesignated() != null
                && ch.yearDesignated() > thisYear) {
            errors.add(new FieldError(f.name("yearDesignated"), "is after this year, " + thisYear));
        }
        if (status == PilotStatus.APPLIED && ch.yearDesignated() != null) {
            errors.add(new FieldError(
                    f.name("yearDesignated"),
                    "an APPLIED pilot is not designated yet: leave it out, or give its status"));
        } else if (status != PilotStatus.APPLIED && ch.yearDesignated() == null) {
            errors.add(new FieldError(f.name("yearDesignated"), "is required for a " + status + " pilot"));
        }
        if (status != PilotStatus.APPLIED && document == null) {
            errors.add(new FieldError(
                    f.name("document"),
                    "is required for a " + status + " pilot: the designation's document (批复文件, 文号)"));
        }
        if (errors.size() > before) {
            return null;
        }
        return new PilotEvent(
                ch.code(),
                unit.code(),
                programme.code(),
                programme.clause(),
                industry,
                level,
                ch.yearDesignated(),
                status,
                document,
                old == null ? 1 : old.version() + 1,
                now,
                operator);
    }

    /** Whether two versions of a pilot say the same, whoever wrote them when. */
    static boolean sameContent(PilotEvent a, PilotEvent b) {
        return a.orgUnit().equals(b.orgUnit())
                && a.programme().equals(b.programme())
                && a.clause() == b.clause()
                && Objects.equals(a.industry(), b.industry())
                && a.level() == b.level()
                && Objects.equals(a.yearDesignated(), b.yearDesignated())
                && a.status() == b.status()
                && Objects.equals(a.document(), b.document());
    }
}
