package io.synergy.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.model.catalogue.Sector;
import io.synergy.sector.model.DataSets;
import io.synergy.sector.store.DataVersionStore;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.sector.SectorServiceTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The data sets' locks under concurrency, on the real database (issue 19): the enterprises of a district without a total of
 * its own write side by side, while with a total their reports never together exceed it (no write skew), and writers of one
 * year do not queue on its data version.
 *
 * <p>One report is held inside its transaction, after its rules passed and with every lock it takes: the test's own
 * transaction has inserted the report's revision row first and not committed, so the service's insert of it waits. The test
 * sees that wait in {@code pg_stat_activity}, sends the other report, and gives the row back (a rollback) when it has seen
 * what the other one does.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class DataSetLocksTest extends SectorServiceTest {

    @Inject
    DataVersionStore versions;

    DataSetLocksTest() {
        super(Sector.ENERGY);
    }

    @Test
    void enterprisesOfADistrictWithoutATotalOfItsOwnWriteSideBySide() throws Exception {
        DistrictYear slot = freshDistrictYear();
        List<String> enterprises = registerEnterprises(slot.district(), 2);
        try (Beside two = new Beside(slot, enterprises)) {
            assertThat(two.second)
                    .as("the second enterprise's report, while the first one's transaction holds its locks")
                    .isDone();
            assertThat(two.second.join().status()).as(two.second.join().text()).isEqualTo(201);
            assertThat(two.first).isNotDone();

            Exchange first = two.firstAfterRelease();
            assertThat(first.status()).as(first.text()).isEqualTo(201);
        }
        assertThat(storedSum(enterprises, slot.year())).isEqualTo(1100.0);
    }

    @Test
    void withATotalOfItsOwnADistrictsEnterprisesNeverTogetherExceedItHoweverTheyInterleave() throws Exception {
        DistrictYear slot = freshDistrictYear();
        List<String> enterprises = registerEnterprises(slot.district(), 2);
        accepted(
                postJson(report(
                        uniqueId("district-total"), slot.district(), slot.period(), null, Map.of(element(), 1000.0))),
                201);
        try (Beside two = new Beside(slot, enterprises)) {
            // the second has either been answered (it ran beside the first: the write skew) or waits for a lock
            Exchange first = two.firstAfterRelease();
            assertThat(first.status()).as(first.text()).isEqualTo(201);
            Exchange second = two.second.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertProblem(second, 422, "values[0].value");
            assertThat(second.json().path("type").asText()).endsWith("/combined-state-rule");
        }
        assertThat(storedSum(enterprises, slot.year())).isEqualTo(600.0);
    }

    /**
     * A bulk load (the city's batches carry 1,000 enterprises) takes its district-years exclusive and no lock per
     * enterprise-year: 1,000 of them per batch, in five sector services at once, filled PostgreSQL's shared lock table ("out
     * of shared memory") in the scale part's city load.
     */
    @Test
    void aBatchOfManyEnterprisesLocksItsDistrictYearsNotEachEnterprise() throws Exception {
        DistrictYear slot = freshDistrictYear();
        List<String> enterprises = registerEnterprises(slot.district(), 40);
        ArrayNode batch = MAPPER.createArrayNode();
        for (String e : enterprises) {
            batch.add(report(uniqueId("bulk"), e, slot.period(), null, Map.of(element(), 10.0)));
        }
        CompletableFuture<Exchange> answer;
        try (HeldReport held =
                new HeldReport(batch.get(0).path("reportId").asText(), enterprises.get(0), slot.period())) {
            answer = send(batch);
            held.awaitWaiting();
            assertThat(advisoryLocks(DataSets.UNIT_LOCK_CLASS, "ExclusiveLock"))
                    .as("enterprise-year locks")
                    .isZero();
            assertThat(advisoryLocks(DataSets.LOCK_CLASS, "ShareLock")).isZero();
            assertThat(advisoryLocks(DataSets.LOCK_CLASS, "ExclusiveLock")).isEqualTo(1);
        }
        Exchange stored = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(stored.status()).as(stored.text()).isEqualTo(201);
    }

    @Test
    void writersOfOneYearDoNotWaitForEachOthersCommitToRaiseItsDataVersion() throws Exception {
        // a year no report of the tests is for: its counter moves only here (a fresh year each run would use up the
        // tests' few)
        int year = 1901;
        long before = versions.version(year);
        CountDownLatch raised = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holding = CompletableFuture.runAsync(
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    versions.raise(List.of(year));
                    raised.countDown();
                    awaitLatch(release);
                }));
        try {
            assertThat(raised.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> other = CompletableFuture.runAsync(() ->
                    QuarkusTransaction.requiringNew().run(() -> versions.raise(List.of(year, year + 1))));
            await().atMost(WAIT).until(() -> other.isDone() || waitingForRowLocks() > 0);
            assertThat(other)
                    .as("a second writer of the year, while the first one's transaction is open")
                    .isDone();
            other.join();
            assertThat(versions.version(year)).isEqualTo(before + 1);
        } finally {
            release.countDown();
        }
        holding.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(versions.version(year))
                .as("every commit raises the year's version, whatever their order")
                .isEqualTo(before + 2);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private CompletableFuture<Exchange> send(JsonNode report) {
        byte[] body = bytes(report);
        return CompletableFuture.supplyAsync(() -> exchange("POST", REPORTS, JSON, body, false));
    }

    /** Sessions of this database waiting for an advisory lock (the data sets' locks). */
    private long waitingForAdvisoryLocks() {
        return queryCount("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock' AND wait_event = 'advisory'");
    }

    /** Advisory locks of a class held in this database in a mode (a transaction of the service holds them now). */
    private long advisoryLocks(int lockClass, String mode) {
        return queryCount("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND classid = " + lockClass + " AND mode = '" + mode + "'");
    }

    /** Sessions of this database waiting for another transaction's row (a row lock or an uncommitted insert). */
    private long waitingForRowLocks() {
        return queryCount("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock' AND wait_event IN ('transactionid', 'tuple')");
    }

    /** The data element both enterprises report: each fits a total of 1,000 alone (600, 500), not together. */
    private String element() {
        return summedRule().whole();
    }

    private double storedSum(List<String> orgUnits, int year) throws SQLException {
        try (PreparedStatement ps = database()
                .prepareStatement("SELECT coalesce(sum(value), 0) FROM data_value"
                        + " WHERE org_unit = ANY (?) AND year = ? AND data_element = ?")) {
            ps.setArray(1, database().createArrayOf("text", orgUnits.toArray()));
            ps.setInt(2, year);
            ps.setString(3, element());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    /**
     * Two enterprises' reports of one district-year: the first (600) held inside its transaction after its rules, with
     * its locks ({@link HeldReport}), then the second (500) sent, until it is answered or waits for an advisory lock.
     */
    private final class Beside implements AutoCloseable {

        final CompletableFuture<Exchange> first;
        final CompletableFuture<Exchange> second;
        private final HeldReport held;

        Beside(DistrictYear slot, List<String> enterprises) throws SQLException {
            String heldId = uniqueId("held");
            held = new HeldReport(heldId, enterprises.get(0), slot.period());
            first = send(report(heldId, enterprises.get(0), slot.period(), null, Map.of(element(), 600.0)));
            held.awaitWaiting();
            second =
                    send(report(uniqueId("beside"), enterprises.get(1), slot.period(), null, Map.of(element(), 500.0)));
            await().atMost(WAIT).until(() -> second.isDone() || waitingForAdvisoryLocks() > 0);
        }

        /** Lets the first report's transaction go on, and its answer. */
        Exchange firstAfterRelease() throws Exception {
            held.release();
            return first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        public void close() throws SQLException {
            held.close();
        }
    }

    /**
     * A report's first revision row inserted and not committed by the test's own transaction: the service's transaction that
     * stores the report waits at that insert (after its locks and its rules) until {@link #release} rolls it back.
     */
    private final class HeldReport implements AutoCloseable {

        private final Connection connection;
        private final String reportId;

        HeldReport(String reportId, String orgUnit, String period) throws SQLException {
            this.reportId = reportId;
            this.connection = connect();
            connection.setAutoCommit(false);
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO report (report_id, revision, source, org_unit, period, content_hash, status, channel, body)"
                            + " VALUES (?, 1, 'test', ?, ?, 'held', 'CURRENT', 'REST', '{}')")) {
                ps.setString(1, reportId);
                ps.setString(2, orgUnit);
                ps.setString(3, period);
                ps.executeUpdate();
            }
        }

        /** Until the service's transaction waits at its insert of the held report. */
        void awaitWaiting() {
            await().atMost(WAIT)
                    .until(() -> queryCount("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                    + " AND wait_event_type = 'Lock' AND wait_event = 'transactionid'"
                                    + " AND query LIKE '%INSERT INTO report (%'")
                            == 1);
        }

        void release() throws SQLException {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                release();
            } finally {
                connection.close();
            }
        }
    }
}
