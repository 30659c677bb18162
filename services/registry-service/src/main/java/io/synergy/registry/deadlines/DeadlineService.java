package io.synergy.registry.deadlines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import io.synergy.model.approval.ApprovalState;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.deadline.DeadlineStatus;
import io.synergy.model.event.ApprovalEvent;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.ReminderEvent;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.outbox.OutboxMessage;
import io.synergy.platform.outbox.OutboxWriter;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.registry.shared.EntityTags;
import io.synergy.registry.shared.RegistryLock;
import io.synergy.registry.shared.RegistryVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Due dates of the data sets (截止日期): the rules per sector and kind of period, the data sets' states as
 * {@code approvals.v1} says them, the list of expected data sets against their due dates, and the daily reminders on
 * {@code reminders.v1} (through the outbox, at most one per data set and day).
 */
@ApplicationScoped
public class DeadlineService {

    /** Days after a quarter's or month's end a rule may set, at most. */
    static final int MAX_DAYS_AFTER = 366;

    private final OrgUnitRegistry registry;
    private final OutboxWriter outbox;
    private final RemindersConfig config;
    private final ObjectMapper json;

    DeadlineService(OrgUnitRegistry registry, OutboxWriter outbox, RemindersConfig config, ObjectMapper json) {
        this.registry = registry;
        this.outbox = outbox;
        this.config = config;
        this.json = json;
    }

    /** Every rule, by sector (the catalogue's order) and kind of period. */
    @Transactional
    public List<DeadlineRule> rules() {
        return DeadlineRuleEntity.<DeadlineRuleEntity>listAll().stream()
                .map(DeadlineRuleEntity::toRule)
                .sorted(Comparator.comparing((DeadlineRule r) ->
                                Sector.find(r.sector()).map(Enum::ordinal).orElse(99))
                        .thenComparing(DeadlineRule::periodType))
                .toList();
    }

    /**
     * Sets a rule. Every fault is named ({@code sector}, {@code periodType}, {@code monthDay}, {@code daysAfter}); the same rule
     * again keeps its version.
     */
    @Transactional
    public DeadlineRule setRule(
            String sector, String periodType, DeadlineRuleChange change, EntityTags ifMatch, String operator) {
        List<FieldError> errors = new ArrayList<>();
        if (Sector.find(sector).isEmpty()) {
            errors.add(new FieldError(
                    "sector",
                    "'" + sector + "' is not a sector ("
                            + Arrays.stream(Sector.values()).map(Sector::code).toList() + ")"));
        }
        PeriodType type = Arrays.stream(PeriodType.values())
                .filter(t -> t.name().equals(periodType))
                .findFirst()
                .orElse(null);
        if (type == null) {
            errors.add(new FieldError("periodType", "must be one of " + Arrays.toString(PeriodType.values())));
        }
        if (type == PeriodType.ANNUAL) {
            if (change.monthDay() == null || change.monthDay().isBlank()) {
                errors.add(new FieldError(
                        "monthDay", "is required for ANNUAL: the day of the following year, MM-dd, e.g. 03-31"));
            } else if (!change.monthDay().matches("\\d{2}-\\d{2}")
                    || !validMonthDay(change.monthDay())
                    || change.monthDay().equals("02-29")) {
                errors.add(new FieldError("monthDay", "must be a day of every year, MM-dd, e.g. 03-31"));
            }
            if (change.daysAfter() != null) {
                errors.add(new FieldError("daysAfter", "applies to QUARTER and MONTH only; ANNUAL takes monthDay"));
            }
        } else if (type != null) {
            if (change.daysAfter() == null) {
                errors.add(new FieldError(
                        "daysAfter", "is required for " + type + ": days after the period's last day, e.g. 20"));
            } else if (change.daysAfter() < 0 || change.daysAfter() > MAX_DAYS_AFTER) {
                errors.add(new FieldError("daysAfter", "must be a whole number from 0 to " + MAX_DAYS_AFTER));
            }
            if (change.monthDay() != null) {
                errors.add(new FieldError("monthDay", "applies to ANNUAL only; " + type + " takes daysAfter"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(
                    errors.size() + (errors.size() == 1 ? " fault" : " faults") + "; nothing was changed", errors);
        }
        // the deadlines' kept answers are computed anew after it (a rule set again unchanged costs one recomputation)
        RegistryLock.acquire();
        DeadlineRuleEntity e = DeadlineRuleEntity.findById(new DeadlineRuleEntity.Key(sector, type));
        if (ifMatch != null) {
            ifMatch.require(e.version);
        }
        String monthDay = type == PeriodType.ANNUAL ? change.monthDay() : null;
        Integer daysAfter = type == PeriodType.ANNUAL ? null : change.daysAfter();
        if (!Objects.equals(e.monthDay, monthDay) || !Objects.equals(e.daysAfter, daysAfter)) {
            e.monthDay = monthDay;
            e.daysAfter = daysAfter;
            e.changedAt = Instant.now();
            e.changedBy = operator;
            Panache.getEntityManager().flush();
        }
        return e.toRule();
    }

    private static boolean validMonthDay(String s) {
        try {
            MonthDay.parse("--" + s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * One row per expected data set of the period: each sector asked for (all: {@code null}) and each district of the city
     * ({@code orgUnits}) within {@code units} (all: {@code null}), with its due date against {@code today}; only those of
     * {@code status}, if given.
     */
    @Transactional
    public List<Deadline> deadlines(
            Period period,
            Sector sector,
            OrgUnits orgUnits,
            Set<String> units,
            DeadlineStatus status,
            LocalDate today) {
        Map<String, DeadlineRule> rules = new HashMap<>();
        rules().stream().filter(r -> r.periodType() == period.type()).forEach(r -> rules.put(r.sector(), r));
        Map<String, ApprovalState> states = new HashMap<>();
        DataSetStateEntity.<DataSetStateEntity>list("year", period.year())
                .forEach(s -> states.put(s.sector + "|" + s.orgUnit, s.state));
        List<Deadline> rows = new ArrayList<>();
        for (Sector s : sector == null ? List.of(Sector.values()) : List.of(sector)) {
            DeadlineRule rule = rules.get(s.code());
            if (rule == null) {
                continue;
            }
            LocalDate due = rule.due(period.end());
            for (OrgUnit d : orgUnits.districts()) {
                if (units != null && !units.contains(d.code())) {
                    continue;
                }
                ApprovalState state = states.getOrDefault(s.code() + "|" + d.code(), ApprovalState.OPEN);
                Deadline row = new Deadline(
                        s.code(),
                        d.code(),
                        period.label(),
                        due,
                        state,
                        status(state, due, today),
                        ChronoUnit.DAYS.between(today, due));
                if (status == null || row.status() == status) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** DUE or OVERDUE while the data set is open (a returned one is open again), else its state. */
    static DeadlineStatus status(ApprovalState state, LocalDate due, LocalDate today) {
        return switch (state) {
            case OPEN -> today.isAfter(due) ? DeadlineStatus.OVERDUE : DeadlineStatus.DUE;
            case SUBMITTED -> DeadlineStatus.SUBMITTED;
            case APPROVED -> DeadlineStatus.APPROVED;
            case ACCEPTED -> DeadlineStatus.ACCEPTED;
        };
    }

    /**
     * Takes a data set's state from a checked {@code approvals.v1} event, unless a version as high was taken already (a
     * record read again, or an older one after a newer): answers whether it changed anything. A change raises the
     * {@link RegistryVersion} in the same transaction: the deadlines' kept answers show the states.
     */
    @Transactional
    public boolean apply(ApprovalEvent e) {
        int rows = Panache.getEntityManager()
                .createNativeQuery("""
                INSERT INTO data_set_state (sector, org_unit, year, state, version, actor, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                ON CONFLICT (sector, org_unit, year) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version, actor = EXCLUDED.actor,
                    changed_at = EXCLUDED.changed_at
                WHERE data_set_state.version < EXCLUDED.version""")
                .setParameter(1, e.sector())
                .setParameter(2, e.orgUnit())
                .setParameter(3, Integer.parseInt(e.period()))
                .setParameter(4, e.state().name())
                .setParameter(5, e.version())
                .setParameter(6, e.actor())
                .setParameter(7, e.changedAt())
                .executeUpdate();
        if (rows > 0) {
            RegistryVersion.raise();
        }
        return rows > 0;
    }

    /**
     * Publishes a reminder for each open data set of last year whose annual due date is at most
     * {@code synergy.reminders.days-before} days after {@code today}, or passed — unless one was published for it today
     * already (by this run, an earlier one, or another replica's: the key of {@code reminder_sent} decides). Answers how
     * many it published.
     */
    @Transactional
    public int remind(LocalDate today) {
        int year = today.getYear() - 1;
        Period period = Period.parse(Integer.toString(year)).orElseThrow();
        Instant now = Instant.now();
        List<OutboxMessage> messages = new ArrayList<>();
        for (Deadline d : deadlines(period, null, registry.current(), null, null, today)) {
            boolean open = d.status() == DeadlineStatus.DUE || d.status() == DeadlineStatus.OVERDUE;
            if (!open || d.daysLeft() > config.daysBefore()) {
                continue;
            }
            UUID id = UUID.randomUUID();
            int inserted = Panache.getEntityManager()
                    .createNativeQuery("""
                    INSERT INTO reminder_sent (sector, org_unit, year, day, event_id, sent_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                    ON CONFLICT DO NOTHING""")
                    .setParameter(1, d.sector())
                    .setParameter(2, d.orgUnit())
                    .setParameter(3, year)
                    .setParameter(4, today)
                    .setParameter(5, id)
                    .setParameter(6, now)
                    .executeUpdate();
            if (inserted == 0) {
                continue;
            }
            ReminderEvent event = new ReminderEvent(
                    id.toString(),
                    d.sector(),
                    d.orgUnit(),
                    d.period(),
                    d.dueDate(),
                    d.daysLeft(),
                    d.status(),
                    d.state(),
                    today,
                    now);
            messages.add(new OutboxMessage(
                    Topics.REMINDERS,
                    event.key(),
                    id,
                    CloudEventTypes.REMINDER,
                    CloudEventTypes.REGISTRY_SOURCE,
                    event.subject(),
                    now,
                    CloudEventTypes.REMINDER_SCHEMA,
                    write(event)));
        }
        outbox.write(messages);
        return messages.size();
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
