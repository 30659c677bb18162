package io.synergy.results.view;

import io.synergy.method.results.ResultCalculator;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.query.Queries;
import java.util.List;
import java.util.Set;

/**
 * The choices a synergy answer is read with — normalisation {@code method}, {@code coupling} formula and scoring
 * {@code basis} — parsed the same way wherever results are served (the aggregation's read API, the console's dashboard):
 * a value outside the choices is a problem naming the parameter.
 */
public final class ViewChoices {

    public static final String RANGE = "range";
    private static final Set<String> METHODS = Set.of(RANGE, "target");
    private static final Set<String> COUPLINGS = Set.of(Score.STANDARD, Score.CORRECTED);
    private static final Set<String> BASES = Set.of(ResultCalculator.SERIES, ResultCalculator.PANEL);

    private ViewChoices() {}

    /** {@code range} (default) or {@code target}. */
    public static String method(String method) {
        return Queries.choice("method", method, RANGE, METHODS);
    }

    /** {@code standard} (default) or {@code corrected}. */
    public static String coupling(String coupling) {
        return Queries.choice("coupling", coupling, Score.STANDARD, COUPLINGS);
    }

    /** {@code series} or {@code panel}: by default the panel for a district, the unit's own series for the city and groups. */
    public static String basis(OrgUnit unit, String basis) {
        String b = Queries.choice(
                "basis",
                basis,
                unit.level() == OrgUnitLevel.DISTRICT ? ResultCalculator.PANEL : ResultCalculator.SERIES,
                BASES);
        if (ResultCalculator.PANEL.equals(b) && unit.level() != OrgUnitLevel.DISTRICT) {
            throw ProblemException.invalid(
                    "Invalid parameter",
                    List.of(new FieldError(
                            "basis", "the district panel scores districts; " + unit.code() + " is not a district")));
        }
        return b;
    }
}
