package io.synergy.sector.rest;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.sector.config.SectorConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What this sector service accepts and computes. */
@Path("/api/v1/catalog")
@Tag(name = "catalog")
public class CatalogResource {

    @Inject
    Catalogue catalogue;

    @Inject
    SectorConfig config;

    @GET
    @RolesAllowed({"reader", "${synergy.sector.feed-role}"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The sector's data elements (codes, units, accepted units), indicators (formula, target) and validation rules")
    public Map<String, Object> catalog() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sector", config.code().code());
        out.put("name", Map.of("zh", config.code().zh(), "en", config.code().en()));
        out.put("dataElements", catalogue.dataElements(config.code()));
        out.put("indicators", catalogue.sectorIndicators(config.code()));
        out.put("publishedDataElements", catalogue.publishedDataElements(config.code()).stream().map(d -> d.code()).toList());
        out.put("rules", catalogue.rules(config.code()));
        return out;
    }
}
