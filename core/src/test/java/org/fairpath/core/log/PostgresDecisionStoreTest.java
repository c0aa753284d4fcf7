package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fairpath.core.log.PostgresTestServer.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL decision store against a real PostgreSQL 14 server ({@link PostgresTestServer}): the same lines and
 * chain as the file log, nothing half-written after an injected failure, tampering caught, bad configuration refused.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class PostgresDecisionStoreTest {

    private static final String PREFIX = "fairpath_decision";

    @TempDir
    Path dir;

    private Database db;

    @BeforeEach
    void database() throws IOException {
        db = PostgresTestServer.freshDatabase();
        PostgresDecisionStore.createTables(db.dataSource(), PREFIX);
    }

    /** A clock that moves one millisecond per reading, from a fixed instant: equal times in both stores. */
    private static Clock ticking() {
        return new Clock() {
            private Instant now = Instant.parse("2026-12-01T09:00:00Z");

            @Override
            public synchronized Instant instant() {
                now = now.plusMillis(1);
                return now;
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private PostgresDecisionStore open() throws IOException {
        return PostgresDecisionStore.open(db.dataSource(), PostgresDecisionStore.Settings.withDefaults()
                .withClock(ticking()));
    }

    private static Map<String, Object> body(int i) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("jobseeker", "js-" + i);
        b.put("service", i % 2 == 0 ? "vocational_training" : "wage_subsidy");
        b.put("uplift", 0.01 * i);
        b.put("note", "line\u2028separator, para\u2029graph, next\u0085line, nul\u0000, tab\t, emoji \uD83D\uDE00, "
                + "lone \uD800 surrogate, quote \" and backslash \\");
        b.put("suggestions", List.of(Map.of("rank", 1), Map.of("rank", 2)));
        b.put("reason", null);
        return b;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void append_sameRecordsAsFileLog_byteIdenticalLinesAndExportVerifiesAsFileLog() throws Exception {
        Path file = dir.resolve("file.jsonl");
        List<Appended> fromFile = new ArrayList<>();
        try (DecisionLog log = DecisionLog.open(file, DecisionLog.Durability.FSYNC_EACH, Duration.ZERO, ticking())) {
            for (int i = 1; i <= 50; i++) {
                fromFile.add(log.append(i % 10 == 0 ? "MODEL_DISABLED" : "DECISION", body(i)));
            }
        }
        List<Appended> fromPg = new ArrayList<>();
        Path exported = dir.resolve("exported.jsonl");
        try (PostgresDecisionStore store = open()) {
            for (int i = 1; i <= 50; i++) {
                fromPg.add(store.append(i % 10 == 0 ? "MODEL_DISABLED" : "DECISION", body(i)));
            }
            assertEquals(new Head(50, fromPg.get(49).hash()), store.head());
            Verification v = store.verify();
            assertTrue(v.intact(), v.problem());
            assertEquals(50, v.records());
            assertEquals(store.head(), store.exportTo(exported));
        }
        assertEquals(fromFile, fromPg, "same sequence numbers and hashes");
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(exported), "byte-identical lines");
        Verification asFile = DecisionLog.verify(exported);
        assertTrue(asFile.intact(), asFile.problem());
        assertEquals(new Head(50, fromFile.get(49).hash()), asFile.head());
    }

    @Test
    void exportTo_anExistingFile_isRefusedAndLeftAsItIs() throws Exception {
        Path existing = dir.resolve("existing.jsonl");
        Files.writeString(existing, "keep me\n");
        try (PostgresDecisionStore store = open()) {
            store.append("DECISION", body(1));
            IOException e = assertThrows(IOException.class, () -> store.exportTo(existing));
            assertTrue(e.getMessage().contains("exists"), e.getMessage());
        }
        assertEquals("keep me\n", Files.readString(existing));
    }

    @Test
    void exportTo_failingHalfWay_leavesNoFile() throws Exception {
        Path target = dir.resolve("export.jsonl");
        try (PostgresDecisionStore store = open()) {
            fill(store, 5);
            db.sql("UPDATE " + PREFIX + "_records SET line = 'x' WHERE seq = 4"); // not even a record's shape
            assertThrows(RuntimeException.class, () -> store.exportTo(target));
        }
        assertFalse(Files.exists(target), "a half-written export was left behind");
    }

    @Test
    void forEach_readsTheRecordsBackInOrder() throws Exception {
        try (PostgresDecisionStore store = open()) {
            for (int i = 1; i <= 30; i++) {
                store.append("DECISION", body(i));
            }
            List<LogRecord> read = new ArrayList<>();
            store.forEach(read::add);
            assertEquals(30, read.size());
            for (int i = 1; i <= 30; i++) {
                LogRecord r = read.get(i - 1);
                assertEquals(i, r.sequence());
                assertEquals("js-" + i, r.body().get("jobseeker"));
                assertEquals(body(i), r.body(), "record " + i + " reads back as it was appended");
            }
        }
    }

    @Test
    void reopen_continuesTheChain() throws Exception {
        Head first;
        try (PostgresDecisionStore store = open()) {
            store.append("DECISION", body(1));
            Appended second = store.append("MODEL_DISABLED", Map.of("model", "m-1"));
            first = new Head(2, second.hash());
        }
        try (PostgresDecisionStore store = open()) {
            assertEquals(first, store.head());
            assertEquals(3, store.append("DECISION", body(3)).sequence());
            assertTrue(store.verify().intact());
            assertTrue(store.verify(first).intact(), "a published head stays verifiable");
        }
    }

    @Test
    void threads_appendConcurrently_gapFreeChain() throws Exception {
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        try (PostgresDecisionStore store = PostgresDecisionStore.open(db.dataSource(),
                PostgresDecisionStore.Settings.withDefaults().withConnections(4))) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int writer = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        assertTrue(acknowledged.add(store.append("DECISION", Map.of("writer", writer, "i", i))
                                .sequence()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(1200, acknowledged.size());
            assertEquals(1200, store.head().sequence());
            Verification v = store.verify();
            assertTrue(v.intact(), v.problem());
            assertEquals(1200, v.records());
        }
    }

    // ---- failures leave nothing half-written ----

    @Test
    void triggerRaisesAfterTheInsert_appendThrowsAndNothingIsKept() throws Exception {
        try (PostgresDecisionStore store = open()) {
            store.append("DECISION", body(1));
            Appended second = store.append("DECISION", body(2));
            // fails when the head moves, i.e. after the record row was inserted in the same transaction
            db.sql("CREATE FUNCTION fail_head() RETURNS trigger LANGUAGE plpgsql AS $$"
                            + " BEGIN RAISE EXCEPTION 'injected failure'; END $$",
                    "CREATE TRIGGER fail_head BEFORE UPDATE ON " + PREFIX + "_head"
                            + " FOR EACH ROW EXECUTE FUNCTION fail_head()");
            IOException e = assertThrows(IOException.class, () -> store.append("DECISION", body(3)));
            assertTrue(e.getMessage().contains("injected failure"), e.getMessage());
            assertEquals(2, count("SELECT count(*) FROM " + PREFIX + "_records"));
            assertEquals(new Head(2, second.hash()), store.head());
            db.sql("DROP TRIGGER fail_head ON " + PREFIX + "_head");
            assertEquals(3, store.append("DECISION", body(3)).sequence());
            assertTrue(store.verify().intact());
        }
    }

    @Test
    void connectionKilledMidTransaction_appendThrowsNothingIsKeptAndTheStoreGoesOn() throws Exception {
        try (PostgresDecisionStore store = PostgresDecisionStore.open(db.dataSource(),
                PostgresDecisionStore.Settings.withDefaults().withConnections(1))) {
            Appended first = store.append("DECISION", body(1));
            // the backend serving the append kills itself after inserting the record, before the commit
            db.sql("CREATE FUNCTION die() RETURNS trigger LANGUAGE plpgsql AS $$"
                            + " BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); PERFORM pg_sleep(5);"
                            + " RETURN NEW; END $$",
                    "CREATE TRIGGER die BEFORE UPDATE ON " + PREFIX + "_head FOR EACH ROW EXECUTE FUNCTION die()");
            assertThrows(IOException.class, () -> store.append("DECISION", body(2)));
            assertEquals(1, count("SELECT count(*) FROM " + PREFIX + "_records"));
            db.sql("DROP TRIGGER die ON " + PREFIX + "_head");
            assertEquals(new Head(1, first.hash()), store.head(), "the broken connection was replaced");
            assertEquals(2, store.append("DECISION", body(2)).sequence());
            assertTrue(store.verify().intact());
        }
    }

    private PostgresDecisionStore openThrough(CuttingProxy proxy) throws IOException {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        // prepareThreshold=0: every statement goes out with its text, so the proxy can see the COMMIT
        ds.setURL("jdbc:postgresql://localhost:" + proxy.port() + "/" + db.name() + "?user=postgres"
                + "&currentSchema=" + db.schema() + "&prepareThreshold=0");
        return PostgresDecisionStore.open(ds, PostgresDecisionStore.Settings.withDefaults().withConnections(1));
    }

    @Test
    void connectionCutAfterTheCommitReachedTheServer_appendIsAcknowledgedOnce() throws Exception {
        try (CuttingProxy proxy = new CuttingProxy(db.port()); PostgresDecisionStore store = openThrough(proxy)) {
            store.append("DECISION", body(1));
            proxy.arm(CuttingProxy.Cut.AFTER_COMMIT);
            Appended second = store.append("DECISION", body(2)); // the client never saw the commit's answer
            assertEquals(2, second.sequence());
            assertEquals(new Head(2, second.hash()), store.head());
            assertEquals(2, count("SELECT count(*) FROM " + PREFIX + "_records"));
            assertEquals(3, store.append("DECISION", body(3)).sequence());
            assertTrue(store.verify().intact());
        }
    }

    @Test
    void connectionCutBeforeTheCommitReachedTheServer_appendThrowsAndNothingIsKept() throws Exception {
        try (CuttingProxy proxy = new CuttingProxy(db.port()); PostgresDecisionStore store = openThrough(proxy)) {
            Appended first = store.append("DECISION", body(1));
            proxy.arm(CuttingProxy.Cut.BEFORE_COMMIT);
            IOException e = assertThrows(IOException.class, () -> store.append("DECISION", body(2)));
            assertTrue(e.getMessage().contains("nothing was stored"), e.getMessage());
            assertEquals(new Head(1, first.hash()), store.head());
            assertEquals(1, count("SELECT count(*) FROM " + PREFIX + "_records"));
            assertEquals(2, store.append("DECISION", body(2)).sequence());
            assertTrue(store.verify().intact());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hung read
    void headRowLockedElsewhere_appendTimesOutAndNothingIsKept() throws Exception {
        try (PostgresDecisionStore store = PostgresDecisionStore.open(db.dataSource(),
                PostgresDecisionStore.Settings.withDefaults().withLockTimeoutMillis(300));
             Connection holder = db.dataSource().getConnection()) {
            store.append("DECISION", body(1));
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT * FROM " + PREFIX + "_head FOR UPDATE").close();
            }
            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> store.append("DECISION", body(2)));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
            assertTrue(e.getMessage().contains("lock timeout"), e.getMessage());
            holder.rollback();
            assertEquals(1, count("SELECT count(*) FROM " + PREFIX + "_records"));
            assertEquals(2, store.append("DECISION", body(2)).sequence());
        }
    }

    @Test
    void connectionsDefaultToSynchronousCommitOff_appendsStillCommitSynchronously() throws Exception {
        db.sql("CREATE TABLE probe (setting text)",
                "CREATE FUNCTION probe() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " INSERT INTO probe VALUES (current_setting('synchronous_commit')); RETURN NEW; END $$",
                "CREATE TRIGGER probe BEFORE INSERT ON " + PREFIX + "_records"
                        + " FOR EACH ROW EXECUTE FUNCTION probe()");
        org.postgresql.ds.PGSimpleDataSource lax = new org.postgresql.ds.PGSimpleDataSource();
        lax.setURL(db.jdbcUrl());
        lax.setOptions("-c synchronous_commit=off"); // as a database or role default would make it
        try (PostgresDecisionStore store = PostgresDecisionStore.open(lax)) {
            store.append("DECISION", body(1));
        }
        assertEquals(1, count("SELECT count(*) FROM probe WHERE setting = 'on'"));
        assertEquals(1, count("SELECT count(*) FROM probe"));
    }

    // ---- tampering is caught by verify ----

    private List<Appended> fill(PostgresDecisionStore store, int n) throws IOException {
        List<Appended> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(store.append("DECISION", body(i)));
        }
        return out;
    }

    @Test
    void updateOfABody_isCaught() throws Exception {
        try (PostgresDecisionStore store = open()) {
            fill(store, 10);
            db.sql("UPDATE " + PREFIX + "_records SET line = replace(line, '\"js-4\"', '\"js-5\"') WHERE seq = 4");
            Verification v = store.verify();
            assertFalse(v.intact());
            assertEquals(OptionalLong.of(4), v.firstBadSequence(), v.problem());
            assertEquals(3, v.records());
            assertThrows(IllegalArgumentException.class, () -> store.forEach(r -> { }), "reading refuses it too");
        }
    }

    @Test
    void rowReplacedByAValidRecordWithItsOwnHash_isCaughtAtTheNextRecord() throws Exception {
        try (PostgresDecisionStore store = open()) {
            List<Appended> a = fill(store, 10);
            Map<String, Object> forged = body(4);
            forged.put("service", "none");
            String line = RecordCodec.encode(4, Instant.parse("2026-12-01T09:00:00.004Z"), "DECISION",
                    a.get(2).hash(), forged).line();
            db.sql("UPDATE " + PREFIX + "_records SET line = '" + line.replace("'", "''") + "' WHERE seq = 4");
            Verification v = store.verify();
            assertFalse(v.intact());
            assertEquals(OptionalLong.of(5), v.firstBadSequence(), v.problem());
        }
    }

    @Test
    void deleteOfAMiddleRow_isCaught() throws Exception {
        try (PostgresDecisionStore store = open()) {
            fill(store, 10);
            db.sql("DELETE FROM " + PREFIX + "_records WHERE seq = 6");
            Verification v = store.verify();
            assertFalse(v.intact());
            assertEquals(OptionalLong.of(7), v.firstBadSequence(), v.problem());
        }
    }

    @Test
    void deleteOfTheLastRow_isCaughtByTheHeadRow() throws Exception {
        try (PostgresDecisionStore store = open()) {
            fill(store, 10);
            db.sql("DELETE FROM " + PREFIX + "_records WHERE seq = 10");
            Verification v = store.verify();
            assertFalse(v.intact());
            assertEquals(OptionalLong.of(10), v.firstBadSequence(), v.problem());
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, this::open);
        assertTrue(e.getMessage().contains("head row"), e.getMessage());
    }

    @Test
    void rowsRenumbered_isCaught() throws Exception {
        try (PostgresDecisionStore store = open()) {
            fill(store, 5);
            db.sql("UPDATE " + PREFIX + "_records SET seq = 99 WHERE seq = 3",
                    "UPDATE " + PREFIX + "_records SET seq = 3 WHERE seq = 4",
                    "UPDATE " + PREFIX + "_records SET seq = 4 WHERE seq = 99");
            Verification v = store.verify();
            assertFalse(v.intact());
            assertEquals(OptionalLong.of(3), v.firstBadSequence(), v.problem());
        }
    }

    @Test
    void lastRowRenumberedWithoutReordering_isCaughtByTheSeqColumnCheck() throws Exception {
        try (PostgresDecisionStore store = open()) {
            fill(store, 5);
            db.sql("UPDATE " + PREFIX + "_records SET seq = 500 WHERE seq = 5"); // order and lines unchanged
            Verification v = store.verify();
            assertFalse(v.intact());
            assertEquals(OptionalLong.of(500), v.firstBadSequence(), v.problem());
            assertTrue(v.problem().contains("rows were renumbered"), v.problem());
        }
    }

    @Test
    void fullRewriteWithRecomputedHashes_isCaughtOnlyAgainstAPublishedHead() throws Exception {
        Head published;
        try (PostgresDecisionStore store = open()) {
            fill(store, 8);
            published = store.head();
        }
        // an attacker rewrites every row and the head with valid hashes
        db.sql("DELETE FROM " + PREFIX + "_records", "UPDATE " + PREFIX + "_head SET seq = 0, hash = '"
                + RecordCodec.GENESIS + "'");
        try (PostgresDecisionStore store = open()) {
            for (int i = 1; i <= 8; i++) {
                Map<String, Object> b = body(i);
                b.put("service", "none");
                store.append("DECISION", b);
            }
            assertTrue(store.verify().intact(), "a consistent rewrite verifies on its own");
            Verification v = store.verify(published);
            assertFalse(v.intact());
            assertEquals(OptionalLong.of(8), v.firstBadSequence(), v.problem());
        }
    }

    // ---- bad configuration is a clear error ----

    @Test
    void unreachableDatabase_isAClearError() {
        org.postgresql.ds.PGSimpleDataSource nowhere = new org.postgresql.ds.PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://localhost:1/fairpath?user=postgres&connectTimeout=2");
        IOException e = assertThrows(IOException.class, () -> PostgresDecisionStore.open(nowhere));
        assertTrue(e.getMessage().startsWith("cannot connect to the PostgreSQL decision store"), e.getMessage());
    }

    @Test
    void missingTables_areAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PostgresDecisionStore.open(
                db.dataSource(), PostgresDecisionStore.Settings.withDefaults().withTablePrefix("other")));
        assertTrue(e.getMessage().contains("the table other_records does not exist"), e.getMessage());
    }

    @Test
    void anotherSchemaVersion_isAClearError() throws Exception {
        db.sql("UPDATE " + PREFIX + "_head SET schema_version = 2");
        IllegalStateException e = assertThrows(IllegalStateException.class, this::open);
        assertTrue(e.getMessage().contains("schema version 2"), e.getMessage());
    }

    @Test
    void aTableWithOtherColumns_isAClearError() throws Exception {
        db.sql("CREATE TABLE foreign_records (seq bigint PRIMARY KEY, line jsonb)",
                "CREATE TABLE foreign_head (id smallint, schema_version integer, seq bigint, hash text)");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PostgresDecisionStore.open(
                db.dataSource(), PostgresDecisionStore.Settings.withDefaults().withTablePrefix("foreign")));
        assertTrue(e.getMessage().contains("foreign_records has the columns {seq=bigint, line=jsonb}"),
                e.getMessage());
    }

    @Test
    void createTablesTwice_failsAndChangesNothing() throws Exception {
        try (PostgresDecisionStore store = open()) {
            store.append("DECISION", body(1));
        }
        IOException e = assertThrows(IOException.class,
                () -> PostgresDecisionStore.createTables(db.dataSource(), PREFIX));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(1, count("SELECT seq FROM " + PREFIX + "_head"));
    }

    @Test
    void badTablePrefix_isRefusedBeforeAnySql() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PostgresDecisionStore.Settings.withDefaults().withTablePrefix("x; DROP TABLE y"));
        assertTrue(e.getMessage().contains("tablePrefix 'x; DROP TABLE y' is not allowed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PostgresDecisionStore.Settings.withDefaults()
                .withConnections(0));
    }

    @Test
    void latin1Database_isRefused() throws Exception {
        String name = "latin1_" + db.schema();
        db.sql("CREATE DATABASE " + name + " ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
        Database latin1 = new Database(name, "public", db.port());
        PostgresDecisionStore.createTables(latin1.dataSource(), PREFIX); // the tables alone are not enough
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PostgresDecisionStore.open(latin1.dataSource()));
        assertTrue(e.getMessage().contains("server_encoding is LATIN1"), e.getMessage());
    }

    @Test
    void serverWithFsyncOff_isRefused() throws Exception {
        // a second server as zonky starts it by default: with -F, i.e. fsync off
        try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres unsafe =
                     io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start()) {
            javax.sql.DataSource ds = unsafe.getPostgresDatabase();
            PostgresDecisionStore.createTables(ds, PREFIX);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> PostgresDecisionStore.open(ds));
            assertTrue(e.getMessage().contains("fsync off"), e.getMessage());
        }
    }
}
