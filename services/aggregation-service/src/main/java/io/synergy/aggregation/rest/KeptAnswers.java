package io.synergy.aggregation.rest;

import io.synergy.aggregation.store.AnswerVersion;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.read.AnswerMemo;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The read API's answers, each computed once per {@link AnswerVersion} and org units' snapshot and served to every reader
 * until either moves ({@link AnswerMemo}): a read costs one primary-key lookup of the version while nothing changes,
 * instead of reading stored results or evaluating a panel. A question is a record of the request's parameters as sent
 * (a parameter more, a component more); its class is the kind of answer, and each kind keeps its own number of answers —
 * bounded by what one weighs (the ranking of 5,000 enterprises weighs megabytes, a district's synergy kilobytes). A
 * parameter that is not valid is a problem computed and kept like an answer.
 */
@ApplicationScoped
public class KeptAnswers {

    /** Answers kept of a kind unless it says otherwise: periods × org units × choices a dashboard asks for at once. */
    public static final int KEPT = 64;

    /**
     * How long an answer may be served at most, whatever the version says: bounds what the version cannot see, such as a
     * recompute of the previous release during a rolling upgrade, which does not raise it.
     */
    static final Duration MAX_AGE = Duration.ofSeconds(30);

    private final AnswerVersion version;
    private final OrgUnitRegistry registry;
    private final Map<Class<?>, AnswerMemo<?, ?>> kinds = new ConcurrentHashMap<>();

    KeptAnswers(AnswerVersion version, OrgUnitRegistry registry) {
        this.version = version;
        this.registry = registry;
    }

    /** The answer to {@code question}, of a kind that keeps {@link #KEPT} answers. */
    public <K extends Record, V> V answer(K question, Function<OrgUnits, V> compute) {
        return answer(question, KEPT, compute);
    }

    /**
     * The answer to {@code question} under the registry's current org units: kept, or computed now from them (by this
     * reader or the one already computing it) and kept.
     *
     * @param kept how many answers of the question's kind are kept (the first call of a kind decides)
     */
    @SuppressWarnings("unchecked")
    public <K extends Record, V> V answer(K question, int kept, Function<OrgUnits, V> compute) {
        AnswerMemo<K, V> memo =
                (AnswerMemo<K, V>) kinds.computeIfAbsent(question.getClass(), k -> new AnswerMemo<>(kept, MAX_AGE));
        OrgUnits units = registry.current();
        return memo.get(question, units, version.current(), () -> compute.apply(units));
    }
}
