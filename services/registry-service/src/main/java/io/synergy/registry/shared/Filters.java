package io.synergy.registry.shared;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import java.util.Collection;
import java.util.List;

/**
 * The conditions of a list's query (JPQL over an entity with a {@code code}), each added only when its value is given,
 * and the page: the rows after a cursor's code, in code order, at most a limit.
 */
public final class Filters {

    private final StringBuilder where = new StringBuilder("1 = 1");
    private final Parameters parameters = new Parameters();

    /** {@code field = value}, when a value is given. */
    public Filters equal(String field, Object value) {
        return where(field + " = :" + field, field, value);
    }

    /** {@code field in values}, when values are given. */
    public Filters in(String field, Collection<?> values) {
        return where(field + " in :" + field, field, values);
    }

    /** A condition on one named parameter ({@code startYear <= :year}), when its value is given. */
    public Filters where(String condition, String parameter, Object value) {
        if (value != null) {
            where.append(" and (").append(condition).append(')');
            parameters.and(parameter, value);
        }
        return this;
    }

    /** The rows after a page that ended at this code. */
    public Filters after(String code) {
        return where("code > :after", "after", code);
    }

    public String query() {
        return where.toString();
    }

    public Parameters parameters() {
        return parameters;
    }

    /** The query's rows, at most {@code limit} ({@code null}: all). */
    public static <E> List<E> limited(PanacheQuery<E> query, Integer limit) {
        return (limit == null ? query : query.range(0, limit - 1)).list();
    }
}
