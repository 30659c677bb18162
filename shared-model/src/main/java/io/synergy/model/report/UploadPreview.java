package io.synergy.model.report;

import java.util.List;

/**
 * What an upload (CSV or XLSX) would do, without doing it ({@code POST /api/v1/reports?dryRun=true}): its rows, those without a
 * fault and those with one, and the answer a real upload would get. An upload is stored whole or not at all, so while any row is
 * refused, nothing of it would be stored.
 *
 * @param rows         data rows read (the header not counted)
 * @param status       what the upload would be answered: 201 or 200 when it would be stored, else 400, 403, 409 or 422
 * @param acceptedRows the rows (line of the CSV, row of the sheet) with no fault
 * @param refusedRows  each fault of a row, in the order the real upload's problem lists them
 * @param results      the results it would give (as {@code POST /api/v1/reports} answers), one per report; empty while a row is refused
 */
public record UploadPreview(
        int rows, int status, List<Integer> acceptedRows, List<RefusedRow> refusedRows, List<IngestResult> results) {

    /**
     * A fault of a row.
     *
     * @param row    the line of the CSV or the row of the sheet, as the bureau's tool shows it
     * @param column the column at fault ({@code value}, {@code district}…), or {@code null} for the whole row
     */
    public record RefusedRow(int row, String column, String message) {}
}
