package io.synergy.model.approval;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A transition asked for ({@code POST /api/v1/approvals}). Read as text and checked field by field, so that a wrong value is
 * a problem naming its field.
 *
 * @param orgUnit a district: an enterprise's figures belong to its district's data set
 * @param period  the year: its quarters and months belong to it
 * @param action  SUBMIT, APPROVE, RETURN, ACCEPT or REOPEN
 * @param comment why: required to RETURN or REOPEN, at most 2000 characters
 */
public record ApprovalRequest(
        @Schema(required = true, example = "370202", description = "a district code")
        String orgUnit,

        @Schema(required = true, example = "2024", description = "a year")
        String period,

        @Schema(
                required = true,
                enumeration = {"SUBMIT", "APPROVE", "RETURN", "ACCEPT", "REOPEN"})
        String action,

        @Schema(maxLength = 2000, description = "required to RETURN or REOPEN", example = "12月数据缺失，请补报")
        String comment) {}
