package io.synergy.registry.shared;

import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.read.AnswerMemo;
import io.synergy.platform.tabular.Tabular;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The registry's read answers (lists, the projects' progress, the applied targets and their history), each computed once per
 * {@link RegistryVersion} and org units' snapshot and served to every reader until either moves ({@link AnswerMemo}):
 * a read costs one primary-key lookup of the version while nothing changes, instead of loading and shaping every row.
 * A question is a record of the request's parameters as sent (a parameter more, a component more); its class is the
 * kind of answer. The answer is kept {@link Tabular#kept()}: JSON, CSV and the workbook are each rendered once (an answer
 * offered as JSON alone, {@link Tabular#json}, its JSON). A
 * problem of the computation (a cursor naming no row) is kept like an answer; the parameters' own checks stay before.
 */
@ApplicationScoped
public class KeptLists {

    /** Answers kept of a kind: filters × pages a console and the other services ask for at once. */
    static final int KEPT = 64;

    /** How long an answer may be served at most, whatever the version says: bounds a writer the version cannot see. */
    static final Duration MAX_AGE = Duration.ofSeconds(30);

    /** A page as kept: its body and its {@code Link} to the next page ({@code null}: the last page). */
    private record Page<R>(Tabular<R> body, String link) {}

    /** A page's question with the base its {@code Link} is built on (the host a client called). */
    private record Paged(Record question, URI base) {}

    private final RegistryVersion version;
    private final Map<Class<?>, AnswerMemo<?, ?>> kinds = new ConcurrentHashMap<>();

    KeptLists(RegistryVersion version) {
        this.version = version;
    }

    /**
     * The answer to {@code question}: kept, or computed now (by this reader or the one already computing it) and kept.
     *
     * @param units the org units' snapshot the request checked its parameters against and {@code compute} uses
     */
    public <K extends Record, R> Tabular<R> answer(K question, OrgUnits units, Supplier<Tabular<R>> compute) {
        AnswerMemo<K, Tabular<R>> memo = memo(question);
        return memo.get(question, units, version.current(), () -> compute.get().kept());
    }

    /** The page {@code question} asks for, with its {@code Link} header, as {@link #answer} keeps an answer. */
    public <K extends Record, R> RestResponse<Tabular<R>> page(
            K question, OrgUnits units, UriInfo uri, Supplier<RestResponse<Tabular<R>>> compute) {
        AnswerMemo<Paged, Page<R>> memo = memo(question);
        Page<R> page = memo.get(new Paged(question, uri.getBaseUri()), units, version.current(), () -> {
            RestResponse<Tabular<R>> response = compute.get();
            return new Page<>(response.getEntity().kept(), response.getHeaderString("Link"));
        });
        RestResponse.ResponseBuilder<Tabular<R>> response = RestResponse.ResponseBuilder.ok(page.body());
        if (page.link() != null) {
            response.header("Link", page.link());
        }
        return response.build();
    }

    @SuppressWarnings("unchecked")
    private <Q, V> AnswerMemo<Q, V> memo(Record question) {
        return (AnswerMemo<Q, V>) kinds.computeIfAbsent(question.getClass(), k -> new AnswerMemo<>(KEPT, MAX_AGE));
    }
}
