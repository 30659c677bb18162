package io.synergy.sector.approval;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A reviewer's acknowledgement of a flagged value ({@code POST /api/v1/reports/flags/{id}/acknowledge}). */
public record FlagAcknowledgement(
        @Schema(
                required = true,
                maxLength = 2000,
                example = "已与区统计局核实：2024年新增产能投产 / checked with the bureau: new capacity in 2024")
        String comment) {}
