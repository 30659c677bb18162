package io.synergy.method.results;

import io.synergy.method.effects.CoReductionCalculator;
import io.synergy.method.effects.CoReductionEffect;
import io.synergy.model.catalogue.Sector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Co-reduction effects (协同控制效应) per sector and for all sectors: each air pollutant against CO2 between two years.
 */
public final class EffectsCalculator {

    public static final List<String> POLLUTANTS = List.of("so2", "nox", "pm", "vocs");
    public static final String ALL = "all";

    private EffectsCalculator() {}

    /** @param sector a sector code, {@value #ALL}, or {@code null} for every sector and all */
    public static List<UnitYearResult.EffectRow> effects(
            IndicatorTable table, String unit, int from, int to, String sector) {
        List<String> sectors = new ArrayList<>();
        if (sector == null) {
            for (Sector s : Sector.values()) {
                sectors.add(s.code());
            }
            sectors.add(ALL);
        } else {
            sectors.add(sector);
        }
        List<UnitYearResult.EffectRow> rows = new ArrayList<>();
        for (String s : sectors) {
            for (String p : POLLUTANTS) {
                String pCode = ALL.equals(s) ? "EM-" + p.toUpperCase(Locale.ROOT) : s + ".emissions." + p;
                String cCode = ALL.equals(s) ? "EM-CO2" : s + ".emissions.co2";
                Figure p0 = table.get(unit, pCode, from);
                Figure p1 = table.get(unit, pCode, to);
                Figure c0 = table.get(unit, cCode, from);
                Figure c1 = table.get(unit, cCode, to);
                String pollutant = p.toUpperCase(Locale.ROOT);
                if (!p0.present() || !p1.present() || !c0.present() || !c1.present()) {
                    rows.add(new UnitYearResult.EffectRow(
                            s,
                            pollutant,
                            from,
                            to,
                            p0.value(),
                            p1.value(),
                            c0.value(),
                            c1.value(),
                            null,
                            null,
                            null,
                            null,
                            null,
                            "emissions of " + from + " and " + to + " are not all reported"));
                    continue;
                }
                if (p0.value() <= 0 || c0.value() <= 0) {
                    rows.add(new UnitYearResult.EffectRow(
                            s,
                            pollutant,
                            from,
                            to,
                            p0.value(),
                            p1.value(),
                            c0.value(),
                            c1.value(),
                            null,
                            null,
                            null,
                            null,
                            null,
                            "the " + from + " emission is zero: relative change undefined"));
                    continue;
                }
                CoReductionEffect e =
                        CoReductionCalculator.effect(pollutant, p0.value(), p1.value(), c0.value(), c1.value());
                rows.add(new UnitYearResult.EffectRow(
                        s,
                        pollutant,
                        from,
                        to,
                        e.p0(),
                        e.p1(),
                        e.c0(),
                        e.c1(),
                        e.deltaP(),
                        e.deltaC(),
                        e.elasticity(),
                        e.quadrant().name(),
                        e.quadrant().zh(),
                        e.elasticity() == null ? "ΔC = 0: elasticity undefined" : null));
            }
        }
        return rows;
    }
}
