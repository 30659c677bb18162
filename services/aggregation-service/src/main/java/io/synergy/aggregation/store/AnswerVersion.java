package io.synergy.aggregation.store;

import io.agroal.api.AgroalDataSource;
import io.synergy.platform.read.SharedRead;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The version every answer of the read API is kept with ({@code AnswerMemo}): the facts' version ({@link FactStore#version},
 * moved by every transaction that changed a fact), the acceptances' ({@code fact_version.data_sets}, moved by every change
 * of a data set's acceptance: the official view's answers and every answer's data-set counts) plus the results' ({@code result_version}, moved by every recompute pass
 * that changed a result or a year's state and by every factor revision). Both only grow, so their sum grows whenever
 * either moves, and two sums read at different times are equal only when neither moved between. A read costs this one
 * primary-key lookup while nothing changes, shared by the readers that arrive while one is under way ({@link SharedRead});
 * every replica sees the same counters, committed with what they count.
 */
@ApplicationScoped
public class AnswerVersion {

    private final AgroalDataSource dataSource;
    private final SharedRead<Long> committed = new SharedRead<>(this::read);

    AnswerVersion(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The version as committed now (by a read begun after this call). Read before what the answer is computed from: an
     * answer is never tagged newer than it is.
     */
    public long current() {
        return committed.get();
    }

    private long read() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT f.version + f.data_sets + r.version FROM fact_version f CROSS JOIN result_version r");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the answers' version", e);
        }
    }

    /**
     * Moves the results' version in the caller's transaction: the answers kept before are computed anew once it commits.
     * Call it as the transaction's last statement (the row stays locked until the commit).
     */
    public void raise(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE result_version SET version = version + 1")) {
            ps.executeUpdate();
        }
    }
}
