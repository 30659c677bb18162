package io.synergy.console.entry;

import io.synergy.model.catalogue.Sector;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * What every call that {@link SectorEntryResource} forwards takes from its request, declared once: the sector named in
 * the path, and the caller's own {@code Authorization} header, which goes on to the sector service unchanged.
 */
public class SectorCall {

    @Parameter(description = "energy, transport, building, agriculture or waste", example = "energy")
    @PathParam("sector")
    String sector;

    @HeaderParam(HttpHeaders.AUTHORIZATION)
    String authorization;

    /** The sector named in the path: an unknown one is a 404 naming the field {@code sector}. */
    Sector sector() {
        return SectorClient.sector(sector);
    }

    /** The caller's {@code Authorization} header, as it came. */
    String authorization() {
        return authorization;
    }
}
