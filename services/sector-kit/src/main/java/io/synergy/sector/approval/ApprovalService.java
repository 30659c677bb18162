package io.synergy.sector.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synergy.model.approval.ApprovalAction;
import io.synergy.model.approval.ApprovalMatrix;
import io.synergy.model.approval.ApprovalRequest;
import io.synergy.model.approval.ApprovalState;
import io.synergy.model.approval.DataSetStatus;
import io.synergy.model.event.ApprovalEvent;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.period.Period;
import io.synergy.model.period.PeriodType;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.outbox.OutboxMessage;
import io.synergy.platform.outbox.OutboxWriter;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.read.AnswerMemo;
import io.synergy.platform.tabular.Tabular;
import io.synergy.sector.approval.ApprovalRules.Party;
import io.synergy.sector.config.SectorConfig;
import io.synergy.sector.model.DataSets;
import io.synergy.sector.model.UnitYear;
import io.synergy.sector.store.ApprovalStore;
import io.synergy.sector.store.ApprovalStore.StoredState;
import io.synergy.sector.store.ApprovalStore.StoredTransition;
import io.synergy.sector.store.FlagVersionStore;
import io.synergy.sector.store.ReportStore;
import io.synergy.sector.store.ReportStore.Acknowledgement;
import io.synergy.sector.store.ReportStore.FlagTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The sector's data sets in the reporting cycle (docs/reporting-cycle.md): their transitions, each audited and published on
 * {@code approvals.v1} through the outbox in the transaction that made it; the approval matrix; the acknowledgement of flagged
 * values; and the lock — a data set that is not OPEN takes no report or revision, on any channel ({@link #requireOpen}). A
 * transition and an ingestion of the same data set serialise on the data set's advisory lock ({@link DataSets#LOCK_CLASS}).
 *
 * <p>The matrix of a year is kept like the figures (sector-kit's {@code IndicatorQueries}): computed once per version of
 * what it shows and org units' snapshot ({@link AnswerMemo}), rendered once ({@link Tabular#kept()}), and served from
 * memory until either moves. Its version is the year's {@code approval_version} (raised by every transition) plus its
 * {@code flag_version} (moved by new flags, superseded revisions and acknowledgements: the unacknowledged flags it
 * counts); both only grow, so their sum grows when either does.
 */
@ApplicationScoped
public class ApprovalService {

    static final int MAX_COMMENT = 2000;

    /** Matrices kept: one per year asked for; a console shows this year's and last year's. */
    static final int MATRICES_KEPT = 16;

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Who acts: the token's subject, its groups, and its districts claim ({@code null}: every district). */
    public record Actor(String name, Set<String> roles, Set<String> districts) {
        boolean mayAct(String district) {
            return districts == null || districts.contains(district);
        }
    }

    private final ApprovalStore store;
    private final ReportStore reports;
    private final FlagVersionStore flagVersions;
    private final OutboxWriter outbox;
    private final OrgUnitRegistry orgUnits;
    private final SectorConfig config;
    private final ObjectMapper json;
    // served at most config.answerMaxAge(), as the figures: a pod of the previous release raises no approval_version
    private final AnswerMemo<Integer, Tabular<ApprovalMatrix>> matrices;

    public ApprovalService(
            ApprovalStore store,
            ReportStore reports,
            FlagVersionStore flagVersions,
            OutboxWriter outbox,
            OrgUnitRegistry orgUnits,
            SectorConfig config,
            ObjectMapper json) {
        this.store = store;
        this.reports = reports;
        this.flagVersions = flagVersions;
        this.outbox = outbox;
        this.orgUnits = orgUnits;
        this.config = config;
        this.matrices = new AnswerMemo<>(MATRICES_KEPT, config.answerMaxAge());
        this.json = json;
    }

    /**
     * Takes a transition: checks the request (400), the actor's role and districts (403) and the data set's state (409), then
     * records the transition, the new state and the event in one transaction.
     */
    @Transactional
    public DataSetStatus act(ApprovalRequest request, Actor actor) {
        OrgUnits units = orgUnits.current();
        List<FieldError> errors = new ArrayList<>();
        String district = district(request.orgUnit(), units, "orgUnit", errors);
        Integer year = year(request.period(), errors);
        ApprovalAction action = null;
        if (request.action() == null || request.action().isBlank()) {
            errors.add(new FieldError("action", "is required: one of " + List.of(ApprovalAction.values())));
        } else {
            try {
                action = ApprovalAction.valueOf(request.action().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(
                        "action",
                        "'" + abbreviate(request.action()) + "' is not an action: one of "
                                + List.of(ApprovalAction.values())));
            }
        }
        String comment = request.comment() == null || request.comment().isBlank()
                ? null
                : request.comment().strip();
        if (comment != null && comment.length() > MAX_COMMENT) {
            errors.add(new FieldError("comment", "is longer than " + MAX_COMMENT + " characters"));
        }
        if (action != null && comment == null && ApprovalRules.needsComment(action)) {
            errors.add(new FieldError("comment", "is required to " + action + " (" + action.zh() + "): say why"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(
                    errors.size() + (errors.size() == 1 ? " fault" : " faults") + " in the request; nothing changed",
                    errors);
        }
        String role = role(ApprovalRules.party(action));
        if (!actor.roles().contains(role)) {
            throw new ProblemException(
                    403,
                    "forbidden-action",
                    "Forbidden",
                    "The token may not " + action + " a data set; nothing changed",
                    List.of(new FieldError(
                            "action",
                            "forbidden: " + action + " (" + action.zh() + ") is for " + who(ApprovalRules.party(action))
                                    + "; " + actor.name() + "'s groups " + new TreeSet<>(actor.roles())
                                    + " lack " + role)));
        }
        if (!actor.mayAct(district)) {
            throw new ProblemException(
                    403,
                    "forbidden-district",
                    "Forbidden",
                    "The token may not act on this district; nothing changed",
                    List.of(new FieldError(
                            "orgUnit",
                            "forbidden: " + actor.name() + " acts for districts " + actor.districts() + " only, not "
                                    + district)));
        }
        UnitYear dataSet = new UnitYear(district, year);
        reports.lock(DataSets.LOCK_CLASS, List.of(DataSets.lockKey(config.code(), dataSet)));
        StoredState current = store.states(List.of(dataSet)).get(dataSet);
        ApprovalState from = current == null ? ApprovalState.OPEN : ApprovalState.valueOf(current.state());
        ApprovalAction a = action;
        ApprovalState to = ApprovalRules.next(from, action)
                .orElseThrow(() -> new ProblemException(
                        409,
                        "approval-transition",
                        "Not allowed in the data set's state",
                        "The data set is " + from + " (" + from.zh() + "); nothing changed",
                        List.of(new FieldError(
                                "action",
                                "cannot " + a + " (" + a.zh() + ") the " + year + " data set of " + district
                                        + ": it is " + from + " (" + from.zh() + ")" + since(current) + "; "
                                        + nextStep(from)))));
        if (action == ApprovalAction.APPROVE) {
            List<Long> open = unacknowledged(year, units).getOrDefault(district, List.of());
            if (!open.isEmpty()) {
                throw new ProblemException(
                        409,
                        "unacknowledged-flags",
                        "Flagged values are not acknowledged",
                        "Flagged values of the data set await the reviewer's acknowledgement; nothing changed",
                        List.of(new FieldError(
                                "action",
                                "cannot APPROVE (审核通过) the " + year + " data set of " + district + ": " + open.size()
                                        + " flagged value(s) not acknowledged (flags " + open
                                        + "); acknowledge each with a comment first "
                                        + "(POST /api/v1/reports/flags/{id}/acknowledge)")));
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long version = (current == null ? 0 : current.version()) + 1;
        ApprovalEvent e = new ApprovalEvent(
                UUID.randomUUID().toString(),
                config.code().code(),
                district,
                String.valueOf(year),
                to,
                action,
                from,
                actor.name(),
                role,
                comment,
                version,
                now);
        store.record(new StoredTransition(
                district,
                year,
                version,
                action.name(),
                from.name(),
                to.name(),
                actor.name(),
                role,
                comment,
                UUID.fromString(e.eventId()),
                now));
        outbox.write(List.of(new OutboxMessage(
                Topics.APPROVALS,
                e.key(),
                UUID.fromString(e.eventId()),
                CloudEventTypes.APPROVAL,
                CloudEventTypes.sectorSource(config.code()),
                e.subject(),
                now,
                CloudEventTypes.APPROVAL_SCHEMA,
                write(e))));
        DataSetStatus done =
                status(year, units, List.of(units.find(district).orElseThrow())).get(0);
        // last: the year's kept matrix is stale from the commit on
        store.raiseVersion(year);
        return done;
    }

    /** The matrix of a year: every district's data set, kept (see the class). */
    public Tabular<ApprovalMatrix> matrix(String periodText) {
        List<FieldError> errors = new ArrayList<>();
        Integer year = year(periodText, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid parameters", errors);
        }
        // read before the matrix is: it is never tagged newer than it is
        long version = store.version(year) + flagVersions.version(year);
        OrgUnits units = orgUnits.current();
        return matrices.get(
                year,
                units,
                version,
                () -> Tabular.json(computeMatrix(year, units)).kept());
    }

    private ApprovalMatrix computeMatrix(int year, OrgUnits units) {
        List<DataSetStatus> rows = status(year, units, units.districts());
        Map<ApprovalState, Integer> counts = new EnumMap<>(ApprovalState.class);
        for (ApprovalState s : ApprovalState.values()) {
            counts.put(s, (int) rows.stream().filter(r -> r.state() == s).count());
        }
        return new ApprovalMatrix(config.code().code(), String.valueOf(year), counts, rows);
    }

    /**
     * Refuses a request whose reports fall into a data set that is not OPEN (409, one error per such report naming its org
     * unit). Called by ingestion inside its transaction, after it took the data sets' locks.
     *
     * @param paths    where each report's org unit is in the request ({@code orgUnit}, {@code [2].orgUnit}, {@code line 3})
     * @param dataSets the data set of each report
     */
    public void requireOpen(List<String> paths, List<UnitYear> dataSets) {
        Map<UnitYear, StoredState> states = store.states(new LinkedHashSet<>(dataSets));
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < dataSets.size(); i++) {
            StoredState s = states.get(dataSets.get(i));
            if (s != null && !ApprovalState.OPEN.name().equals(s.state())) {
                ApprovalState state = ApprovalState.valueOf(s.state());
                errors.add(new FieldError(
                        paths.get(i),
                        "the " + s.year() + " data set of " + s.orgUnit() + " is " + state + " (" + state.zh() + ")"
                                + since(s) + " and takes no reports or revisions: "
                                + (state == ApprovalState.SUBMITTED
                                        ? "the district's reviewer (" + config.reviewerRole()
                                                + ") must RETURN (退回) it first"
                                        : "the city's sector bureau (" + config.approverRole()
                                                + ") must REOPEN (重新打开) it first")));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    409,
                    "data-set-locked",
                    "The data set is locked",
                    "数据集已提交或已审核，不接受填报 / The data set is submitted or approved and takes no reports or revisions; nothing was stored",
                    errors);
        }
    }

    /** A reviewer acknowledges a flagged value of a district it reviews, with a comment (once). */
    @Transactional
    public AcknowledgedFlag acknowledge(long id, FlagAcknowledgement body, Actor actor) {
        String comment =
                body == null || body.comment() == null || body.comment().isBlank()
                        ? null
                        : body.comment().strip();
        if (comment == null || comment.length() > MAX_COMMENT) {
            throw ProblemException.invalid(
                    "The acknowledgement needs a comment; nothing changed",
                    List.of(new FieldError(
                            "comment",
                            comment == null
                                    ? "is required: what the reviewer found when checking the value"
                                    : "is longer than " + MAX_COMMENT + " characters")));
        }
        FlagTarget flag = reports.flag(id)
                .orElseThrow(() -> ProblemException.notFound(
                        "No flagged value " + id + " in the " + config.code().code() + " service"));
        String district =
                DataSets.of(flag.orgUnit(), flag.year(), orgUnits.current()).orgUnit();
        if (!actor.mayAct(district)) {
            throw new ProblemException(
                    403,
                    "forbidden-district",
                    "Forbidden",
                    "The token may not review this district; nothing changed",
                    List.of(new FieldError(
                            "id",
                            "forbidden: flag " + id + " is of " + district + "; " + actor.name() + " reviews districts "
                                    + actor.districts() + " only")));
        }
        if (!flag.current()) {
            throw new ProblemException(
                    409,
                    "flag-superseded",
                    "The flagged revision is no longer current",
                    "A later revision replaced the flagged value; nothing to acknowledge",
                    List.of(new FieldError(
                            "id", "flag " + id + " belongs to a superseded revision: its value no longer counts")));
        }
        if (flag.acknowledged() != null) {
            throw new ProblemException(
                    409,
                    "flag-acknowledged",
                    "Already acknowledged",
                    "The flagged value was acknowledged already; nothing changed",
                    List.of(new FieldError(
                            "id",
                            "flag " + id + " was acknowledged by "
                                    + flag.acknowledged().by() + " at "
                                    + flag.acknowledged().at())));
        }
        Acknowledgement a = new Acknowledgement(actor.name(), Instant.now().truncatedTo(ChronoUnit.MICROS), comment);
        reports.acknowledge(id, a);
        // last: the review list's pages of the year are stale from the commit on
        flagVersions.raise(List.of(flag.year()));
        return new AcknowledgedFlag(id, flag.orgUnit(), flag.year(), a.by(), a.at(), a.comment());
    }

    private List<DataSetStatus> status(int year, OrgUnits units, List<OrgUnit> districts) {
        Map<String, StoredState> states =
                store.states(year).stream().collect(Collectors.toMap(StoredState::orgUnit, s -> s));
        Map<String, List<DataSetStatus.Transition>> history = new HashMap<>();
        for (StoredTransition t : store.transitions(year)) {
            history.computeIfAbsent(t.orgUnit(), k -> new ArrayList<>())
                    .add(new DataSetStatus.Transition(
                            t.version(),
                            ApprovalAction.valueOf(t.action()),
                            ApprovalState.valueOf(t.fromState()),
                            ApprovalState.valueOf(t.toState()),
                            t.actor(),
                            t.role(),
                            t.comment(),
                            t.changedAt()));
        }
        Map<String, List<Long>> flags = unacknowledged(year, units);
        List<DataSetStatus> out = new ArrayList<>();
        for (OrgUnit d : districts) {
            StoredState s = states.get(d.code());
            ApprovalState state = s == null ? ApprovalState.OPEN : ApprovalState.valueOf(s.state());
            out.add(new DataSetStatus(
                    d.code(),
                    d.zh(),
                    d.en(),
                    String.valueOf(year),
                    state,
                    state.zh(),
                    s == null ? 0 : s.version(),
                    s == null ? null : s.changedAt(),
                    s == null ? null : s.changedBy(),
                    s == null ? null : s.role(),
                    s == null ? null : s.comment(),
                    ApprovalRules.allowed(state),
                    role(ApprovalRules.nextParty(state)),
                    flags.getOrDefault(d.code(), List.of()).size(),
                    history.getOrDefault(d.code(), List.of())));
        }
        return out;
    }

    /** The ids of a year's unacknowledged flagged values of current revisions, by the district of their org unit. */
    private Map<String, List<Long>> unacknowledged(int year, OrgUnits units) {
        Map<String, List<Long>> out = new HashMap<>();
        reports.unacknowledgedFlags(year)
                .forEach((id, orgUnit) -> out.computeIfAbsent(
                                DataSets.of(orgUnit, year, units).orgUnit(), k -> new ArrayList<>())
                        .add(id));
        return out;
    }

    private String district(String text, OrgUnits units, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, "is required: a district code"));
            return null;
        }
        String code = text.strip();
        if (units.isDistrict(code)) {
            return code;
        }
        String district = units.districtOf(code).map(OrgUnit::code).orElse(null);
        errors.add(new FieldError(
                field,
                district != null
                        ? "'" + code + "' is not a district: its figures belong to the data set of its district "
                                + district
                        : "'" + abbreviate(code) + "' is not a district of "
                                + units.city().zh() + " " + units.city().code()));
        return null;
    }

    private static Integer year(String text, List<FieldError> errors) {
        Period p;
        try {
            p = Period.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("period", e.getMessage()));
            return null;
        }
        if (p.type() != PeriodType.YEAR) {
            errors.add(new FieldError(
                    "period",
                    "a data set is a year's: " + p.year() + " (its quarters and months belong to it), not " + p));
            return null;
        }
        if (p.year() > LocalDate.now(ZONE).getYear()) {
            errors.add(new FieldError("period", p.year() + " is in the future"));
            return null;
        }
        return p.year();
    }

    private String role(Party party) {
        return switch (party) {
            case BUREAU -> config.feedRole();
            case REVIEWER -> config.reviewerRole();
            case APPROVER -> config.approverRole();
        };
    }

    private String who(Party party) {
        return switch (party) {
            case BUREAU -> "the reporting bureau (" + config.feedRole() + ")";
            case REVIEWER -> "the district's reviewer (" + config.reviewerRole() + ")";
            case APPROVER -> "the city's sector bureau (" + config.approverRole() + ")";
        };
    }

    private String nextStep(ApprovalState state) {
        return ApprovalRules.allowed(state).stream()
                        .map(x -> x + " (" + x.zh() + ")")
                        .collect(Collectors.joining(" or "))
                + " by " + who(ApprovalRules.nextParty(state));
    }

    private static String since(StoredState s) {
        return s == null ? "" : " since " + s.changedAt() + " (" + s.changedBy() + ")";
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private byte[] write(Object o) {
        try {
            return json.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
