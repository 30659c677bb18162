package io.synergy.sector.rest;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.Sector;
import io.synergy.platform.problem.Problem;
import io.synergy.sector.config.SectorConfig;
import io.synergy.sector.read.Name;
import io.synergy.sector.read.SectorCatalog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What this sector service accepts and computes. */
@Path("/api/v1/catalog")
@Tag(name = "catalog", description = "The sector's part of the catalogue: data elements, indicators, rules")
public class CatalogResource {

    private final SectorCatalog catalog;

    public CatalogResource(Catalogue catalogue, SectorConfig config) {
        Sector sector = config.code();
        this.catalog = new SectorCatalog(
                sector.code(),
                new Name(sector.zh(), sector.en()),
                catalogue.dataElements(sector),
                catalogue.sectorIndicators(sector),
                catalogue.publishedDataElements(sector).stream()
                        .map(DataElement::code)
                        .toList(),
                catalogue.rules(sector));
    }

    @GET
    @RolesAllowed({"reader", "${synergy.sector.feed-role}"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "The sector's data elements (codes, units, accepted units), indicators (formula, target) and validation rules")
    @APIResponse(
            responseCode = "200",
            description = "The sector's catalogue",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SectorCatalog.class)))
    @APIResponse(
            responseCode = "401",
            description = "No valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "The token lacks the role: reader or feed:<sector>",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SectorCatalog catalog() {
        return catalog;
    }
}
