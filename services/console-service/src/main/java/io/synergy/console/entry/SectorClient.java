package io.synergy.console.entry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synergy.model.catalogue.Sector;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.problem.Unavailability;
import io.synergy.platform.tracing.Traceparent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The console's calls to the sector services on behalf of the signed-in user: the caller's own {@code Authorization}
 * header goes with each call (the console holds no credential of its own for them, and stores none), so the sector
 * service decides what the user may do, as it does for any client. A sector's answer is read into the shared records
 * (shared-model); its problem is passed on with its status, type and field errors, so that the page can show each fault
 * next to its field; a sector service that cannot be reached is a 502 problem naming the sector.
 *
 * <p>The JDK's HTTP client: a handful of calls, no client extension needed for them.
 */
@ApplicationScoped
public class SectorClient {

    private static final Logger LOG = Logger.getLogger(SectorClient.class);
    private static final String PROBLEMS = Problem.type("");

    /** A sector's answer: its status, its body, and the headers a download keeps. */
    public record Answer<T>(int status, T body, String contentType, String contentDisposition) {}

    private final Map<Sector, URI> bases = new EnumMap<>(Sector.class);
    private final SectorServices config;
    private final ObjectMapper json;
    private final HttpClient http;

    public SectorClient(SectorServices config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        for (Sector s : Sector.values()) {
            URI base = config.url().get(s.code());
            if (base == null) {
                throw new IllegalStateException("synergy.console.sectors.url." + s.code()
                        + " is not set: the base URL of the " + s.en() + " service");
            }
            bases.put(s, base);
        }
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The sector a path names; a 404 problem for any other word. */
    public static Sector sector(String code) {
        return Sector.find(code)
                .orElseThrow(() -> new ProblemException(
                        404,
                        "not-found",
                        "Not Found",
                        "No sector '" + (code.length() > 40 ? code.substring(0, 40) + "…" : code) + "': one of "
                                + Arrays.stream(Sector.values())
                                        .map(Sector::code)
                                        .toList(),
                        List.of(new FieldError("sector", "is not a sector"))));
    }

    /** GET, the answer read as {@code type}. */
    public <T> Answer<T> get(Sector sector, String authorization, String pathAndQuery, TypeReference<T> type) {
        return read(send(sector, authorization, "GET", pathAndQuery, null, null), type);
    }

    /** POST of a JSON body (a record), the answer read as {@code type}. */
    public <T> Answer<T> post(
            Sector sector, String authorization, String pathAndQuery, Object body, TypeReference<T> type) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read(send(sector, authorization, "POST", pathAndQuery, bytes, "application/json"), type);
    }

    /** POST of a file as it was uploaded (CSV or XLSX), with its own content type, the answer read as {@code type}. */
    public <T> Answer<T> postFile(
            Sector sector,
            String authorization,
            String pathAndQuery,
            byte[] body,
            String contentType,
            TypeReference<T> type) {
        return read(send(sector, authorization, "POST", pathAndQuery, body, contentType), type);
    }

    /** GET of a download (the template): its bytes, content type and file name as the sector gives them. */
    public Answer<byte[]> download(Sector sector, String authorization, String pathAndQuery) {
        HttpResponse<byte[]> response = send(sector, authorization, "GET", pathAndQuery, null, null);
        return new Answer<>(
                response.statusCode(),
                response.body(),
                header(response, HttpHeaders.CONTENT_TYPE).orElse("application/octet-stream"),
                header(response, "Content-Disposition").orElse(null));
    }

    private HttpResponse<byte[]> send(
            Sector sector, String authorization, String method, String pathAndQuery, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(bases.get(sector).resolve(pathAndQuery))
                .timeout(config.timeout())
                .header(HttpHeaders.ACCEPT, "application/json, application/problem+json, */*")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null && !authorization.isBlank()) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        if (contentType != null) {
            request.header(HttpHeaders.CONTENT_TYPE, contentType);
        }
        // the sector's work joins the page's request in one trace (W3C traceparent, as between every service)
        String traceparent = Traceparent.current();
        if (traceparent != null) {
            request.header(Traceparent.HEADER, traceparent);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unavailable(sector, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(sector, e);
        }
        if (response.statusCode() >= 400) {
            throw passOn(sector, response);
        }
        return response;
    }

    private <T> Answer<T> read(HttpResponse<byte[]> response, TypeReference<T> type) {
        try {
            return new Answer<>(response.statusCode(), json.readValue(response.body(), type), "application/json", null);
        } catch (IOException e) {
            // our own service answered what its contract does not say: not the user's fault, and not to be guessed at
            throw new ProblemException(
                    502,
                    "sector-service-unavailable",
                    "Bad Gateway",
                    "The sector service's answer could not be read: " + Unavailability.rootMessage(e));
        }
    }

    /** The sector's problem, passed on as it is: its status, type, title, detail and field errors. */
    private ProblemException passOn(Sector sector, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        Problem problem = null;
        if (header(response, HttpHeaders.CONTENT_TYPE)
                .filter(t -> t.contains("json"))
                .isPresent()) {
            try {
                problem = json.readValue(response.body(), Problem.class);
            } catch (IOException e) {
                LOG.debugf(
                        "the %s service answered %d with a body that is not a problem: %s", sector.code(), status, e);
            }
        }
        if (problem == null || problem.title() == null) {
            return new ProblemException(
                    status,
                    status == 401 ? "unauthorized" : status == 403 ? "forbidden" : "sector-service",
                    status == 401
                            ? "Unauthorized"
                            : status == 403 ? "Forbidden" : "The sector service refused the request",
                    "The " + sector.en() + " service answered " + status);
        }
        String slug = problem.type() != null && problem.type().startsWith(PROBLEMS)
                ? problem.type().substring(PROBLEMS.length())
                : "sector-service";
        return new ProblemException(
                problem.status() == 0 ? status : problem.status(),
                slug,
                problem.title(),
                problem.detail(),
                problem.errors() == null ? List.of() : problem.errors());
    }

    private static ProblemException unavailable(Sector sector, Exception e) {
        return new ProblemException(
                502,
                "sector-service-unavailable",
                "Bad Gateway",
                "行业服务暂不可用 / The " + sector.en() + " service could not be reached (" + Unavailability.rootMessage(e)
                        + "); nothing was sent, retry",
                List.of(new FieldError("sector", sector.code() + " service unreachable")));
    }

    private static Optional<String> header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name);
    }
}
