package io.synergy.sector.read;

import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.catalogue.PartOfWholeRule;
import java.util.List;

/**
 * What a sector service accepts and computes, from the catalogue.
 *
 * @param publishedDataElements the data elements it publishes for cross-sector indicators (emissions, GDP)
 * @param rules                 its part-of-whole rules, checked on every report and on the combined figures
 */
public record SectorCatalog(
        String sector,
        Name name,
        List<DataElement> dataElements,
        List<Indicator> indicators,
        List<String> publishedDataElements,
        List<PartOfWholeRule> rules) {}
