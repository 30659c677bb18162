package io.synergy.model.target;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.FormulaType;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.catalogue.TargetDefinition;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which target applies to an indicator, an org unit and a year (目标分解), as pure functions of the catalogue, the org
 * units, the configured provincial assignments and the unit's allocations — the registry service answers
 * {@code GET /api/v1/targets} with them, and a consumer of {@code targets.v1} reaches the same answer from the same
 * inputs. The rules (docs/reporting-cycle.md):
 *
 * <ul>
 * <li>An allocation of the unit in force in the year wins: the one with the latest {@code effectiveFrom} whose year is
 * not after it (source {@code ALLOCATED}). A target kept every year applies from its {@code targetYear} on.</li>
 * <li>Without one, the plan's target applies by default (source {@code PLAN}) to the city; to every district and group
 * when it is a percentage or an intensity; to none of them when it is an absolute quantity (E5, in t: the city's
 * tonnage is no district's), unless it is zero (W2 零填埋: zero for the city is zero for each part); and T1, which the
 * plan sets for 中心城区, to that group and its member districts only (its {@code scope}). A target kept every year
 * applies from its first year on (T2, A2, W2 from 2024).</li>
 * <li>Otherwise there is none (source {@code NONE}). Parks and enterprises have no targets of the plan.</li>
 * </ul>
 */
public final class TargetRules {

    /** The years a target or an allocation may name. */
    public static final int MIN_YEAR = 2000;

    public static final int MAX_YEAR = 2100;

    /**
     * A 文号: the issuing organ's abbreviation, the year in 六角括号 and the number ({@code 青环发〔2024〕18号}). Square and
     * round brackets, half or full width, are read as 〔〕, which is how the 文号 is stored.
     */
    private static final Pattern WENHAO = Pattern.compile(
            "(\\p{IsHan}{1,30})\\s*[〔\\[［【(（]\\s*((?:19|20)\\d{2})\\s*[〕\\]］】)）]\\s*第?\\s*([1-9]\\d{0,5})\\s*号");

    private final Catalogue catalogue;
    private final OrgUnits units;
    private final Map<String, PlanTarget> plan = new LinkedHashMap<>();

    /**
     * @param provincial the province's assignments to Qingdao by indicator id (provincial targets only), replacing the
     *                   catalogue's defaults and placeholders
     * @throws IllegalArgumentException naming an assignment of an indicator that is not provincial, or one whose value or
     *                                  document is not valid
     */
    public TargetRules(Catalogue catalogue, OrgUnits units, Map<String, ProvincialTarget> provincial) {
        this.catalogue = catalogue;
        this.units = units;
        for (Map.Entry<String, ProvincialTarget> e : provincial.entrySet()) {
            Indicator i =
                    catalogue.indicator(e.getKey()).filter(Indicator::hasTarget).orElse(null);
            if (i == null || !i.target().provincial()) {
                throw new IllegalArgumentException(
                        "provincial target " + e.getKey() + ": not a provincial target of the catalogue");
            }
            valueProblem(i, e.getValue().value()).ifPresent(p -> {
                throw new IllegalArgumentException("provincial target " + e.getKey() + ": the value " + p);
            });
            if (normaliseDocument(e.getValue().document()).isEmpty()) {
                throw new IllegalArgumentException(
                        "provincial target " + e.getKey() + ": the document " + DOCUMENT_RULE);
            }
        }
        for (Indicator i : catalogue.targeted()) {
            TargetDefinition t = i.target();
            ProvincialTarget assigned = provincial.get(i.id());
            if (assigned != null) {
                plan.put(
                        i.id(),
                        new PlanTarget(
                                i.id(),
                                assigned.value(),
                                t.year(),
                                t.keptEveryYear(),
                                normaliseDocument(assigned.document()).orElseThrow(),
                                TargetBasis.DOCUMENT));
            } else if (t.provincial()) {
                plan.put(
                        i.id(),
                        new PlanTarget(
                                i.id(),
                                t.value(),
                                t.year(),
                                t.keptEveryYear(),
                                t.document(),
                                t.placeholder() ? TargetBasis.PLACEHOLDER : TargetBasis.DEFAULT));
            } else {
                plan.put(
                        i.id(),
                        new PlanTarget(
                                i.id(),
                                t.value(),
                                t.year(),
                                t.keptEveryYear(),
                                catalogue.planDocument(),
                                TargetBasis.DOCUMENT));
            }
        }
    }

    /** The plan's targets, in catalogue order. */
    public Collection<PlanTarget> planTargets() {
        return plan.values();
    }

    /** The plan's target of a targeted indicator. */
    public PlanTarget plan(Indicator i) {
        PlanTarget p = plan.get(i.id());
        if (p == null) {
            throw new IllegalArgumentException(i.id() + " has no target in the catalogue");
        }
        return p;
    }

    /** The indicators with a target in the catalogue, in its order. */
    public List<Indicator> indicators() {
        return catalogue.targeted();
    }

    /** The indicator of that id if it has a target in the catalogue. */
    public Optional<Indicator> indicator(String id) {
        return catalogue.indicator(id).filter(Indicator::hasTarget);
    }

    /** The unit of that code if targets can be allocated to it: the city, a district or a group. */
    public Optional<OrgUnit> unit(String code) {
        return units.find(code).filter(TargetRules::allocatable);
    }

    /** The units targets are allocated to: the city, the districts and the groups, in that order. */
    public Collection<OrgUnit> units() {
        return units.all();
    }

    static boolean allocatable(OrgUnit u) {
        return u.level() == OrgUnitLevel.CITY || u.level() == OrgUnitLevel.DISTRICT || u.level() == OrgUnitLevel.GROUP;
    }

    /** The last year the plan names (T3's 2030): the end of the years listed by default. */
    public int lastPlanYear() {
        return plan.values().stream().mapToInt(PlanTarget::targetYear).max().orElse(MIN_YEAR);
    }

    /**
     * An absolute quantity (a total in t, or a reduction of one): it adds up over units, so the city's target is no
     * district's. Percentages and intensities (ratios, reductions of a ratio) do not.
     */
    public static boolean isQuantity(Indicator i) {
        FormulaType type = i.formula().type();
        return type == FormulaType.SUM || type == FormulaType.BASE_MINUS_CURRENT;
    }

    /** Whether the plan's target applies to the unit when nothing is allocated to it (see the class comment). */
    public boolean appliesByDefault(Indicator i, OrgUnit u) {
        if (u.level() == OrgUnitLevel.CITY) {
            return true;
        }
        if (!allocatable(u)) {
            return false;
        }
        String scope = i.target().scope();
        if (scope != null) {
            return u.code().equals(scope)
                    || (u.level() == OrgUnitLevel.DISTRICT
                            && units.find(scope)
                                    .map(g -> g.members().contains(u.code()))
                                    .orElse(false));
        }
        return !isQuantity(i) || plan(i).value() == 0;
    }

    /**
     * The target that applies to the indicator, the unit and the year.
     *
     * @param allocations the unit's allocations of the indicator, in any order
     */
    public AppliedTarget resolve(Indicator i, OrgUnit u, int year, Collection<Allocation> allocations) {
        boolean kept = i.target().keptEveryYear();
        Allocation governing = null;
        for (Allocation a : allocations) {
            if (a.firstYear() <= year && (governing == null || a.effectiveFrom().isAfter(governing.effectiveFrom()))) {
                governing = a;
            }
        }
        if (governing != null) {
            // the document in force governs the year: one that sets a kept target from a later year sets none yet
            if (kept && year < governing.targetYear()) {
                return AppliedTarget.none(i.id(), u.code(), year);
            }
            return new AppliedTarget(
                    i.id(),
                    u.code(),
                    year,
                    TargetSource.ALLOCATED,
                    governing.value(),
                    governing.targetYear(),
                    kept,
                    governing.document(),
                    TargetBasis.DOCUMENT,
                    governing.effectiveFrom(),
                    governing.setBy(),
                    governing.setAt());
        }
        PlanTarget p = plan(i);
        if (!appliesByDefault(i, u) || (kept && year < p.targetYear())) {
            return AppliedTarget.none(i.id(), u.code(), year);
        }
        return new AppliedTarget(
                i.id(),
                u.code(),
                year,
                TargetSource.PLAN,
                p.value(),
                p.targetYear(),
                kept,
                p.document(),
                p.basis(),
                null,
                null,
                null);
    }

    /** What is wrong with a target value of the indicator, if anything: a percentage is 0–100, a quantity at least 0. */
    public static Optional<String> valueProblem(Indicator i, double value) {
        if (!Double.isFinite(value)) {
            return Optional.of("must be a finite number");
        }
        if ("%".equals(i.unit())) {
            return value < 0 || value > 100 ? Optional.of("must be a percentage from 0 to 100") : Optional.empty();
        }
        if (isQuantity(i)) {
            return value < 0 ? Optional.of("must be a quantity of at least 0 " + i.unit()) : Optional.empty();
        }
        return value <= 0 ? Optional.of("must be more than 0 " + i.unit()) : Optional.empty();
    }

    /** What is wrong with a target year or the year of an effective date, if anything. */
    public static Optional<String> yearProblem(int year) {
        return year < MIN_YEAR || year > MAX_YEAR
                ? Optional.of("must be a year from " + MIN_YEAR + " to " + MAX_YEAR)
                : Optional.empty();
    }

    /** What a document is, for problem details. */
    public static final String DOCUMENT = "the document's 文号, e.g. 青环发〔2024〕18号";

    public static final String DOCUMENT_RULE = "must be " + DOCUMENT;

    /** The 文号 as stored ({@code 青环发[2025]3号} → {@code 青环发〔2025〕3号}), or empty when the text is not one. */
    public static Optional<String> normaliseDocument(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = WENHAO.matcher(text.strip());
        return m.matches() ? Optional.of(m.group(1) + "〔" + m.group(2) + "〕" + m.group(3) + "号") : Optional.empty();
    }
}
