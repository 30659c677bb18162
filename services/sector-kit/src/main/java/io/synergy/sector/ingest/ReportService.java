package io.synergy.sector.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.report.IngestResult;
import io.synergy.model.report.IngestStatus;
import io.synergy.model.report.UploadPreview;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.tracing.WorkTags;
import io.synergy.sector.config.SectorConfig;
import io.synergy.sector.model.ParsedReport;
import io.synergy.sector.security.Writer;
import io.synergy.sector.security.WriterAccess;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way into a sector service, whatever the channel (REST JSON, CSV upload, Kafka feed): decode, parse,
 * validate, then store and publish. A request that fails any check changes nothing.
 */
@ApplicationScoped
public class ReportService {

    /** Periods are judged in the city's time zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** How a body is written: JSON (one report or a batch), CSV, or an XLSX workbook in the CSV's layout. */
    public enum Format {
        JSON,
        CSV,
        XLSX
    }

    /** The reports' results, and whether the request was a batch (an array or a CSV file). */
    public record Outcome(List<IngestResult> results, boolean batch) {
        public boolean created() {
            return results.stream().anyMatch(IngestResult::created);
        }
    }

    private final OrgUnitRegistry orgUnits;
    private final SectorConfig config;
    private final ReportIngestor ingestor;
    private final WriterAccess access;
    private final MeterRegistry metrics;
    private final ReportValidator validator;
    private final IngestionAdmission admission;

    public ReportService(
            Catalogue catalogue,
            OrgUnitRegistry orgUnits,
            SectorConfig config,
            ReportIngestor ingestor,
            WriterAccess access,
            MeterRegistry metrics,
            IngestionAdmission admission) {
        this.admission = admission;
        this.orgUnits = orgUnits;
        this.config = config;
        this.ingestor = ingestor;
        this.access = access;
        this.metrics = metrics;
        this.validator = new ReportValidator(catalogue, orgUnits::current, config.code());
    }

    /**
     * A message of the Kafka feed: its values wait for their turn like a request's ({@link IngestionAdmission}); a 503
     * {@code busy} is a transient refusal the consumer retries.
     */
    public Outcome submit(byte[] body, Format format, String channel, Writer writer) {
        return submit(body, format, channel, StandardCharsets.UTF_8, writer, null);
    }

    /**
     * @param charset what the body is encoded in (strictly checked: a byte that is not of it is an error)
     * @param writer  who submits: reports for org units outside the writer's districts, or revisions of reports it may not
     *                write, are refused (403) and nothing is stored; it is recorded with every revision
     * @param body    the body's turn ({@link IngestionAdmission#admit}), whose wait the values' turn shares; {@code null}: none
     */
    public Outcome submit(
            byte[] body, Format format, String channel, Charset charset, Writer writer, IngestionAdmission.Turn turn) {
        try {
            Outcome outcome = submitOrThrow(body, format, channel, charset, writer, false, null, turn);
            // one counter look-up per status, not per report (a batch holds up to a thousand)
            Map<IngestStatus, Long> byStatus = new EnumMap<>(IngestStatus.class);
            outcome.results().forEach(r -> byStatus.merge(r.status(), 1L, Long::sum));
            byStatus.forEach((status, n) -> count(channel, status.name(), n));
            return outcome;
        } catch (ProblemException e) {
            count(channel, "REJECTED_" + e.status(), 1);
            throw e;
        }
    }

    private void count(String channel, String outcome, long reports) {
        metrics.counter("synergy.reports", "sector", config.code().code(), "channel", channel, "outcome", outcome)
                .increment(reports);
    }

    /**
     * What the request would get, through the same path as {@link #submit} — parsing, validation, authorisation, the ingestion's
     * rules and the reporting cycle's lock — in a transaction that is rolled back: nothing is stored or published.
     *
     * @throws ProblemException as {@link #submit} would answer
     */
    public Outcome dryRun(byte[] body, Format format, Charset charset, Writer writer, IngestionAdmission.Turn turn) {
        return submitOrThrow(body, format, "DRY_RUN", charset, writer, true, null, turn);
    }

    /**
     * The preview of an upload (CSV or XLSX): a {@link #dryRun} whose faults are laid out by row. A fault that belongs to no
     * row (the body, a header, the token's sector, the size) is thrown as the real upload would be answered.
     */
    public UploadPreview preview(
            byte[] body, Format format, Charset charset, Writer writer, IngestionAdmission.Turn turn) {
        List<String> rowPaths = new ArrayList<>();
        Set<Integer> rows = new TreeSet<>();
        try {
            Outcome outcome = submitOrThrow(body, format, "DRY_RUN", charset, writer, true, rowPaths, turn);
            rowPaths.forEach(p -> rows.add(row(p).orElseThrow()));
            return new UploadPreview(
                    rows.size(), outcome.created() ? 201 : 200, List.copyOf(rows), List.of(), outcome.results());
        } catch (ProblemException e) {
            List<UploadPreview.RefusedRow> refused = new ArrayList<>();
            for (FieldError error : e.errors()) {
                Matcher m = ROW_PATH.matcher(error.field());
                if (!m.matches()) {
                    throw e;
                }
                refused.add(new UploadPreview.RefusedRow(Integer.parseInt(m.group(2)), m.group(3), error.message()));
            }
            if (refused.isEmpty()) {
                throw e;
            }
            rowPaths.forEach(p -> row(p).ifPresent(rows::add));
            Set<Integer> faulty = new TreeSet<>();
            refused.forEach(r -> faulty.add(r.row()));
            return new UploadPreview(
                    rows.size(),
                    e.status(),
                    rows.stream().filter(r -> !faulty.contains(r)).toList(),
                    refused,
                    List.of());
        }
    }

    /** Where an upload's fault is: {@code line 7}, {@code line 7: value} in a CSV, {@code row 7: value} in a sheet. */
    private static final Pattern ROW_PATH = Pattern.compile("(line|row) (\\d+)(?:: (.+))?");

    private static Optional<Integer> row(String path) {
        Matcher m = ROW_PATH.matcher(path);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(2))) : Optional.empty();
    }

    /**
     * @param dryRun   roll the ingestion back
     * @param rowPaths receives the path of every value read ({@code line 7}), for a preview; {@code null}: not wanted
     * @param turn     the body's turn, or {@code null}
     */
    private Outcome submitOrThrow(
            byte[] body,
            Format format,
            String channel,
            Charset charset,
            Writer writer,
            boolean dryRun,
            List<String> rowPaths,
            IngestionAdmission.Turn turn) {
        Validated valid = validated(body, format, charset, writer, rowPaths, turn);
        try (IngestionAdmission.Turn values = valid.turn()) {
            return new Outcome(ingestor.ingest(valid.reports(), channel, writer, dryRun), valid.batch());
        }
    }

    /**
     * The request's reports, validated, and their values' turn (closed by the caller); a batch's raw reports are dropped on
     * return, before the ingestion holds the parsed ones.
     */
    private record Validated(List<ParsedReport> reports, boolean batch, IngestionAdmission.Turn turn) {}

    private Validated validated(
            byte[] body,
            Format format,
            Charset charset,
            Writer writer,
            List<String> rowPaths,
            IngestionAdmission.Turn bodyTurn) {
        JsonReportParser.Result parsed = parse(body, format, charset);
        int values = parsed.reports().stream().mapToInt(r -> r.values().size()).sum();
        if (values > config.maxValues()) {
            throw new ProblemException(
                    413,
                    "too-many-values",
                    "Too many values",
                    values + " values in one request; at most " + config.maxValues() + " are accepted: split the batch",
                    List.of(new FieldError(
                            "body", "holds " + values + " values; at most " + config.maxValues() + " are accepted")));
        }
        // what the validation, the state read back and the rows and events written hold grows with the values: they
        // wait
        // for room among the values being stored (the parsed reports alone are a fraction of it)
        IngestionAdmission.Turn turn = admission.admitValues(bodyTurn, values);
        try {
            return new Validated(validate(parsed, writer, rowPaths), parsed.batch(), turn);
        } catch (RuntimeException e) {
            turn.close();
            throw e;
        }
    }

    private List<ParsedReport> validate(JsonReportParser.Result parsed, Writer writer, List<String> rowPaths) {
        if (rowPaths != null) {
            parsed.reports().forEach(r -> r.values().forEach(v -> rowPaths.add(v.path())));
        }
        // the request's span and log lines name its report(s) from here on (a batch: the first, and how many more)
        new WorkTags(
                        WorkTags.summary(parsed.reports().stream()
                                .map(RawReport::reportId)
                                .toList()),
                        config.code().code(),
                        WorkTags.summary(parsed.reports().stream()
                                .map(RawReport::orgUnit)
                                .toList()),
                        WorkTags.summary(
                                parsed.reports().stream().map(RawReport::period).toList()))
                .onCurrentRequest();
        List<FieldError> errors = new ArrayList<>(parsed.errors());
        access.checkDistricts(
                writer,
                parsed.reports().stream().map(r -> r.at("orgUnit")).toList(),
                parsed.reports().stream().map(RawReport::orgUnit).toList(),
                orgUnits.current());
        List<ParsedReport> reports = validator.validate(parsed.reports(), LocalDate.now(ZONE), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(
                    errors.size() + (errors.size() == 1 ? " fault" : " faults") + " in the request; nothing was stored",
                    errors);
        }
        return reports;
    }

    private JsonReportParser.Result parse(byte[] body, Format format, Charset charset) {
        if (format == Format.XLSX) {
            return CsvReportParser.sheet(body, config.maxBodyBytes());
        }
        if (format == Format.JSON && charset.equals(StandardCharsets.UTF_8)) {
            requireDecodable(body, charset);
            int bom = body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF
                    ? 3
                    : 0;
            return JsonReportParser.parse(body, bom, body.length - bom);
        }
        String text = decode(body, charset);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark, as spreadsheet exports write it
        }
        return format == Format.CSV ? CsvReportParser.parse(text) : JsonReportParser.parse(text);
    }

    /** Strict decoding: a body with bytes that are not of its charset is refused, not silently mangled. */
    static String decode(byte[] body, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw notDecodable(body, charset);
        }
    }

    /** {@link #decode}'s check without its text: decoded a few thousand chars at a time into one small buffer. */
    static void requireDecodable(byte[] body, Charset charset) {
        CharsetDecoder d = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(8192);
        CoderResult r;
        do {
            out.clear();
            r = d.decode(in, out, true);
            if (r.isError()) {
                throw notDecodable(body, charset);
            }
        } while (r.isOverflow());
        do {
            out.clear();
            r = d.flush(out);
        } while (r.isOverflow());
    }

    private static ProblemException notDecodable(byte[] body, Charset charset) {
        return ProblemException.invalid(
                "The body is not valid " + charset.name(),
                List.of(new FieldError(
                        "body",
                        "is not valid " + charset.name() + " text (byte offset " + offset(body, charset) + ")")));
    }

    private static int offset(byte[] body, Charset charset) {
        CharsetDecoder d = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(Math.max(16, body.length));
        d.decode(in, out, true);
        return in.position();
    }
}
