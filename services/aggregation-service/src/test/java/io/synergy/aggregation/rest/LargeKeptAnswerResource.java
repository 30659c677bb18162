package io.synergy.aggregation.rest;

import io.synergy.platform.tabular.Column;
import io.synergy.platform.tabular.Table;
import io.synergy.platform.tabular.Tabular;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.stream.IntStream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A kept answer of the test application as large as the ranking of 5,000 enterprises (~4 MB of JSON), served as every
 * kept {@link Tabular} is (platform-kit's TabularDownloads): what one response costs is measured by
 * {@code KeptBytesOverHttpTest}. Not part of the API document.
 */
@Path(LargeKeptAnswerResource.PATH)
@RolesAllowed("reader")
public class LargeKeptAnswerResource {

    static final String PATH = "/api/v1/test-only/large-kept-answer";

    /** Rows of ~90 bytes of JSON each. */
    static final int ROWS = 45_000;

    record Unit(String code, String name, double score, int rank) {}

    private static final Tabular<List<Unit>> ANSWER = answer().kept();

    private static Tabular<List<Unit>> answer() {
        List<Unit> units = IntStream.range(0, ROWS)
                .mapToObj(i -> new Unit(String.format("91370200MA%08d", i), "青岛企业 Enterprise " + i, i / 7.0, i + 1))
                .toList();
        Table<Unit> table = new Table<>(
                "单位 Units",
                List.of(
                        Column.text("code", "统一社会信用代码", "Credit code", Unit::code),
                        Column.text("name", "名称", "Name", Unit::name),
                        Column.number("score", "得分", "Score", "1", Unit::score)),
                units);
        return Tabular.of(units, "large-kept-answer", table);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Tabular.CSV, Tabular.XLSX})
    @Operation(hidden = true)
    public Tabular<List<Unit>> units() {
        return ANSWER;
    }
}
