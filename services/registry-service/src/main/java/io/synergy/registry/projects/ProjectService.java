package io.synergy.registry.projects;

import io.quarkus.panache.common.Sort;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.ProjectEvent;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.project.ProjectCatalogue;
import io.synergy.model.project.ProjectProgress;
import io.synergy.model.project.ProjectStatus;
import io.synergy.model.project.Substance;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The key projects (重点工程): validates changes against the catalogue and the registry of org units, stores them
 * ({@link ProjectEntity}) with their status history, and publishes each change on {@code projects.v1} through the
 * outbox (same transaction).
 */
@ApplicationScoped
public class ProjectService {

    static final VersionedWrites.Kind<ProjectChange, ProjectEvent, ProjectEntity> KIND = new VersionedWrites.Kind<>(
            ProjectEntity.class,
            ProjectEntity::new,
            ProjectChange::code,
            ProjectEvent::code,
            ProjectService::sameContent,
            new VersionedWrites.Topic(Topics.PROJECTS, CloudEventTypes.PROJECT, CloudEventTypes.PROJECT_SCHEMA));

    /** The largest annual reduction a project may record, t/a (the city's CO2 is some 10^8 t; no one project cuts a tenth of it). */
    static final BigDecimal MAX_REDUCTION = new BigDecimal("10000000");

    /** Responsible units a project may name at most. */
    static final int MAX_UNITS = 20;

    private final OrgUnitRegistry registry;
    private final ProjectCatalogue catalogue;
    private final VersionedWrites writes;

    ProjectService(OrgUnitRegistry registry, ProjectCatalogue catalogue, VersionedWrites writes) {
        this.registry = registry;
        this.catalogue = catalogue;
        this.writes = writes;
    }

    /**
     * Which projects a list answers; {@code null} filters nothing.
     *
     * @param orgUnits the org units a project may belong to (a unit and every unit below it)
     * @param year     a year the project is under way in: started by then, and not completed before it
     */
    public record Filter(String type, Integer clause, Set<String> orgUnits, ProjectStatus status, Integer year) {}

    /** The projects in code order, from after {@code after}, at most {@code limit}. */
    @Transactional
    public List<ProjectEvent> list(Filter f, String after, Integer limit) {
        Filters where = new Filters()
                .equal("type", f.type())
                .equal("clause", f.clause())
                .in("orgUnit", f.orgUnits())
                .equal("status", f.status())
                .where("startYear <= :year and (completionYear is null or completionYear >= :year)", "year", f.year())
                .after(after);
        return Filters.limited(
                        ProjectEntity.<ProjectEntity>find(where.query(), Sort.by("code"), where.parameters()), limit)
                .stream()
                .map(ProjectEntity::toEvent)
                .toList();
    }

    @Transactional
    public Optional<ProjectEvent> find(String code) {
        return ProjectEntity.<ProjectEntity>findByIdOptional(code).map(ProjectEntity::toEvent);
    }

    /**
     * Creates or changes projects in one transaction (an import is all or nothing). Every fault of every project is
     * reported at once, each named as its {@link Fields} say.
     *
     * @param ifMatch the client's {@code If-Match} for a single change, or {@code null}
     */
    public List<Written<ProjectEvent>> apply(
            List<ProjectChange> changes, List<Fields> fields, String operator, EntityTags ifMatch) {
        OrgUnits units = registry.current();
        LocalDate today = Checks.today();
        return writes.apply(
                KIND,
                changes,
                fields,
                ifMatch,
                (ch, old, f, errors, now) -> validate(ch, old, f, units, errors, operator, now, today));
    }

    private ProjectEvent validate(
            ProjectChange ch,
            ProjectEvent old,
            Fields f,
            OrgUnits units,
            List<FieldError> errors,
            String operator,
            Instant now,
            LocalDate today) {
        int before = errors.size();
        Checks.code(ch.code(), f.name("code"), errors);
        Checks.text(ch.zh(), true, f.name("zh"), errors);
        Checks.text(ch.en(), false, f.name("en"), errors);
        Checks.text(ch.leadDepartment(), true, f.name("leadDepartment"), errors);
        Checks.text(ch.verificationDocument(), false, f.name("verificationDocument"), errors);
        List<String> responsible = ch.responsibleUnits() == null
                ? List.of()
                : ch.responsibleUnits().stream()
                        .map(Checks::blankToNull)
                        .filter(Objects::nonNull)
                        .distinct()
                        .toList();
        if (responsible.size() > MAX_UNITS) {
            errors.add(new FieldError(f.name("responsibleUnits"), "at most " + MAX_UNITS + " units"));
        }
        responsible.forEach(u -> Checks.text(u, true, f.name("responsibleUnits"), errors));

        ProjectCatalogue.ProjectType type = catalogue.type(ch.type()).orElse(null);
        if (type == null) {
            errors.add(new FieldError(
                    f.name("type"), "'" + ch.type() + "' is not a project type of GET /api/v1/projects/types"));
        }
        orgUnit(ch.orgUnit(), old, units, f.name("orgUnit"), errors);

        if (ch.startYear() == null) {
            errors.add(new FieldError(f.name("startYear"), "is required"));
        }
        boolean years = Checks.year(ch.startYear(), f.name("startYear"), errors)
                & Checks.year(ch.completionYear(), f.name("completionYear"), errors);
        if (years && ch.startYear() != null && ch.completionYear() != null && ch.completionYear() < ch.startYear()) {
            errors.add(new FieldError(f.name("completionYear"), "is before the start year " + ch.startYear()));
        }

        List<ProjectEvent.StatusChange> history = history(ch, old, f, today, errors);
        ProjectStatus status =
                history == null ? null : history.get(history.size() - 1).status();
        if (status == ProjectStatus.COMPLETED && ch.completionYear() != null) {
            int completed = history.get(history.size() - 1).since().getYear();
            if (completed != ch.completionYear()) {
                errors.add(new FieldError(
                        f.name("completionYear"),
                        "a completed project's completion year is the year it was completed: " + completed
                                + " (statusDate "
                                + history.get(history.size() - 1).since() + ")"));
            }
        } else if (status == ProjectStatus.COMPLETED) {
            errors.add(new FieldError(f.name("completionYear"), "is required for a completed project"));
        }

        List<ProjectEvent.Reduction> reductions = reductions(ch, type, status, f, errors);
        boolean anyVerified = reductions.stream().anyMatch(r -> r.verified() != null);
        if (anyVerified && Checks.blankToNull(ch.verificationDocument()) == null) {
            errors.add(new FieldError(
                    f.name("verificationDocument"),
                    "is required with a verified reduction: the document that verified it (核定文件)"));
        } else if (!anyVerified && Checks.blankToNull(ch.verificationDocument()) != null) {
            errors.add(new FieldError(
                    f.name("verificationDocument"),
                    "is the document of verified reductions: give them, or leave it out"));
        }
        if (errors.size() > before) {
            return null;
        }
        return new ProjectEvent(
                ch.code(),
                ch.zh().strip(),
                ch.en() == null ? "" : ch.en().strip(),
                type.code(),
                type.clause(),
                ch.orgUnit(),
                ch.leadDepartment().strip(),
                responsible,
                ch.startYear(),
                ch.completionYear(),
                status,
                history,
                reductions,
                Checks.blankToNull(ch.verificationDocument()),
                old == null ? 1 : old.version() + 1,
                now,
                operator);
    }

    /** A project belongs to a district, park or enterprise of the registry; a new one (or one that moves) not to a closed one. */
    private static void orgUnit(String code, ProjectEvent old, OrgUnits units, String field, List<FieldError> errors) {
        OrgUnit u = units.find(code).orElse(null);
        if (u == null
                || !(u.level() == OrgUnitLevel.DISTRICT
                        || u.level() == OrgUnitLevel.PARK
                        || u.level() == OrgUnitLevel.ENTERPRISE)) {
            errors.add(new FieldError(field, "'" + code + "' is not a district, park or enterprise of the registry"));
        } else if (u.closed() && (old == null || !old.orgUnit().equals(code))) {
            errors.add(new FieldError(field, code + " is closed"));
        }
    }

    /**
     * The status history after the change: the stored one, with a new status appended (dated the day given, or today),
     * or the current status's day corrected; {@code null} with the fault recorded.
     */
    private static List<ProjectEvent.StatusChange> history(
            ProjectChange ch, ProjectEvent old, Fields f, LocalDate today, List<FieldError> errors) {
        int before = errors.size();
        ProjectStatus given = Params.oneOf(ProjectStatus.class, ch.status(), f.name("status"), errors);
        if (errors.size() > before) {
            return null;
        }
        ProjectStatus status = given != null ? given : old == null ? ProjectStatus.PLANNED : old.status();
        LocalDate day = ch.statusDate();
        if (day != null && (day.isAfter(today) || day.getYear() < ProjectCatalogue.FIRST_YEAR)) {
            errors.add(new FieldError(
                    f.name("statusDate"),
                    "must be a day from " + ProjectCatalogue.FIRST_YEAR + " to today (" + today + ")"));
            return null;
        }
        List<ProjectEvent.StatusChange> history = new ArrayList<>(old == null ? List.of() : old.statusHistory());
        ProjectEvent.StatusChange current = history.isEmpty() ? null : history.get(history.size() - 1);
        if (current != null && current.status() == status) {
            if (day == null || day.equals(current.since())) {
                return history;
            }
            history.remove(history.size() - 1); // a correction of the day the current status took effect
        } else if (current != null && !current.status().next().contains(status)) {
            errors.add(new FieldError(
                    f.name("status"),
                    "a project " + current.status() + " may become "
                            + current.status().next() + ", not " + status));
            return null;
        }
        LocalDate since = day == null ? today : day;
        ProjectEvent.StatusChange previous = history.isEmpty() ? null : history.get(history.size() - 1);
        if (previous != null && since.isBefore(previous.since())) {
            errors.add(new FieldError(
                    f.name("statusDate"),
                    "is before " + previous.since() + ", when the project became " + previous.status()));
            return null;
        }
        history.add(new ProjectEvent.StatusChange(status, since));
        return history;
    }

    /** The reductions in substance order; only those the type allows, and a verified one only of a completed project. */
    private static List<ProjectEvent.Reduction> reductions(
            ProjectChange ch,
            ProjectCatalogue.ProjectType type,
            ProjectStatus status,
            Fields f,
            List<FieldError> errors) {
        Map<Substance, ProjectEvent.Reduction> bySubstance = new EnumMap<>(Substance.class);
        List<ProjectChange.ReductionChange> given = ch.reductions() == null ? List.of() : ch.reductions();
        for (int i = 0; i < given.size(); i++) {
            ProjectChange.ReductionChange r = given.get(i);
            String at = "reductions[" + i + "].";
            if (r == null) {
                errors.add(new FieldError(f.name("reductions[" + i + "]"), "is empty"));
                continue;
            }
            Substance s = Substance.find(r.substance()).orElse(null);
            if (s == null) {
                errors.add(new FieldError(
                        f.name(at + "substance"), "must be one of " + Arrays.toString(Substance.values())));
                continue;
            }
            String planned = f.name(at + "planned", "planned_" + s.key());
            String verified = f.name(at + "verified", "verified_" + s.key());
            if (type != null && !type.substances().contains(s)) {
                if (r.planned() != null || r.verified() != null) {
                    errors.add(new FieldError(
                            r.planned() != null ? planned : verified,
                            "a project of type " + type.code() + " records "
                                    + type.substances().stream().sorted().toList() + ", not " + s));
                }
                continue;
            }
            if (bySubstance.containsKey(s)) {
                errors.add(new FieldError(f.name(at + "substance"), s + " is listed twice"));
                continue;
            }
            amount(r.planned(), planned, errors);
            amount(r.verified(), verified, errors);
            if (r.verified() != null && status != ProjectStatus.COMPLETED && status != null) {
                errors.add(new FieldError(
                        verified,
                        status == ProjectStatus.CANCELLED
                                ? "a cancelled project keeps no verified reduction"
                                : "only a completed project has a verified reduction (status is " + status + ")"));
            }
            if (r.planned() != null || r.verified() != null) {
                bySubstance.put(
                        s,
                        new ProjectEvent.Reduction(
                                s, ProjectProgress.plain(r.planned()), ProjectProgress.plain(r.verified())));
            }
        }
        return bySubstance.values().stream()
                .sorted(Comparator.comparing(ProjectEvent.Reduction::substance))
                .toList();
    }

    private static void amount(BigDecimal v, String field, List<FieldError> errors) {
        if (v != null
                && (v.signum() < 0
                        || v.compareTo(MAX_REDUCTION) > 0
                        || v.stripTrailingZeros().scale() > 6)) {
            errors.add(
                    new FieldError(field, "t/a from 0 to " + MAX_REDUCTION.toPlainString() + ", at most six decimals"));
        }
    }

    /** Whether two versions of a project say the same, whoever wrote them when. */
    static boolean sameContent(ProjectEvent a, ProjectEvent b) {
        return content(a).equals(content(b));
    }

    private static ProjectEvent content(ProjectEvent e) {
        return new ProjectEvent(
                e.code(),
                e.zh(),
                e.en(),
                e.type(),
                e.clause(),
                e.orgUnit(),
                e.leadDepartment(),
                e.responsibleUnits(),
                e.startYear(),
                e.completionYear(),
                e.status(),
                e.statusHistory(),
                e.reductions(),
                e.verificationDocument(),
                0,
                null,
                null);
    }
}
