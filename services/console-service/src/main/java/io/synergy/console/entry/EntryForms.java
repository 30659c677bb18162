package io.synergy.console.entry;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.PartOfWholeRule;
import io.synergy.model.catalogue.Sector;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * What the data-entry page builds its forms from: each sector's data elements (Chinese and English names, the unit a value
 * is entered in, the other units accepted) and the part-of-whole rules that tie two of them together, from the catalogue
 * every service is built with (shared-model), and the districts a data set belongs to, from the org-unit registry.
 */
@ApplicationScoped
public class EntryForms {

    /**
     * The forms of every sector, and the districts to choose from.
     *
     * @param planDocument the plan the catalogue implements (its 文号)
     * @param sectors   one form per sector, in the plan's order
     * @param districts the city's districts (区、市), in the registry's order
     */
    public record Forms(String planDocument, List<SectorForm> sectors, List<District> districts) {}

    /**
     * A sector's form.
     *
     * @param fields one per data element the sector accepts
     * @param rules  its part-of-whole rules: the part may not exceed the whole
     */
    public record SectorForm(String sector, String zh, String en, List<Field> fields, List<PartOfWholeRule> rules) {}

    /**
     * A field of the form: a data element.
     *
     * @param dataElement its catalogue code, what a report's value names
     * @param unit        the unit the value is entered in (the catalogue's canonical one)
     * @param otherUnits  further units the sector service accepts and converts
     * @param rules       the ids of the rules that tie this field to another
     * @param nonNegative whether a negative value is refused
     */
    public record Field(
            String dataElement,
            String zh,
            String en,
            String unit,
            List<String> otherUnits,
            List<String> rules,
            boolean nonNegative) {}

    /** A district a data set belongs to. */
    public record District(String code, String zh, String en) {}

    private final Catalogue catalogue;
    private final OrgUnitRegistry orgUnits;

    public EntryForms(Catalogue catalogue, OrgUnitRegistry orgUnits) {
        this.catalogue = catalogue;
        this.orgUnits = orgUnits;
    }

    public Forms forms() {
        List<SectorForm> sectors =
                Arrays.stream(Sector.values()).map(this::form).toList();
        List<District> districts = orgUnits.current().districts().stream()
                .map(d -> new District(d.code(), d.zh(), d.en()))
                .toList();
        return new Forms(catalogue.planDocument(), sectors, districts);
    }

    private SectorForm form(Sector sector) {
        List<PartOfWholeRule> rules = catalogue.rules(sector);
        List<Field> fields = catalogue.dataElements(sector).stream()
                .map(de -> field(de, rules))
                .toList();
        return new SectorForm(sector.code(), sector.zh(), sector.en(), fields, rules);
    }

    private static Field field(DataElement de, List<PartOfWholeRule> rules) {
        List<String> tied = rules.stream()
                .filter(r -> r.part().equals(de.code()) || r.whole().equals(de.code()))
                .map(PartOfWholeRule::id)
                .toList();
        return new Field(
                de.code(),
                de.zh(),
                de.en(),
                de.unit(),
                List.copyOf(new TreeSet<>(de.units().keySet())),
                tied,
                de.nonNegative());
    }
}
