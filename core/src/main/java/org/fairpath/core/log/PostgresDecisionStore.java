package org.fairpath.core.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The decision store for case systems that run several application servers: the same records, byte for byte, and the
 * same hash chain as the file log ({@link DecisionLog}), kept in PostgreSQL, with the database ordering appends from
 * every server into one gap-free chain. The file log stays the embedded default.
 *
 * <p><b>Tables</b> ({@link #createTables}; the script is {@code postgres-decision-store.sql} beside this class):
 * {@code <prefix>_records(seq bigint primary key, line text)} holds each record's line exactly as
 * {@link RecordCodec} encodes it, and {@code <prefix>_head} one row with the last record's sequence number and hash
 * and the tables' schema version. {@link #open} never creates or alters tables; it refuses a database it cannot use
 * safely (missing or foreign tables, another schema version, a head that does not match the last record, a server
 * encoding other than UTF-8, {@code fsync} off).
 *
 * <p><b>Appends.</b> One transaction per record: lock the head row ({@code SELECT ... FOR UPDATE}), encode the next
 * record on it, insert it, move the head, commit. The lock is held to the commit, so appends from any number of
 * threads and servers take turns, sequence numbers have no gaps and commit order is sequence order. {@link #append}
 * returns only after the commit has returned, with {@code synchronous_commit} on for the store's connections, i.e.
 * after PostgreSQL has flushed the commit to its write-ahead log. A failed transaction is rolled back: no record, no
 * moved head. If the connection breaks while the commit is under way, the store waits for the head row and looks: the
 * append is acknowledged if its record is there, and throws if it is not.
 *
 * <p><b>Reading.</b> {@link #verify()} runs the same chain check as the file log over the rows in sequence order,
 * inside one read-only snapshot, and also checks each row's {@code seq} column against its line and the head row
 * against the last record, so an UPDATE of a line, a DELETE of any row (the last one included) or a reordering is
 * caught. {@link #exportTo} writes the lines to a file that {@link DecisionLog#verify(Path)} accepts.
 *
 * <p>Connections come from the caller's {@link DataSource}; the store keeps at most
 * {@link Settings#connections()} of them open and replaces any connection that failed. Thread-safe.
 */
public final class PostgresDecisionStore implements DecisionStore {

    /** The schema version of the tables this class reads and writes. */
    public static final int SCHEMA_VERSION = 1;

    private static final System.Logger LOG = System.getLogger(PostgresDecisionStore.class.getName());
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final String SCRIPT = "postgres-decision-store.sql";
    private static final int FETCH = 1000;

    /**
     * How a store is opened.
     *
     * @param tablePrefix  the tables are {@code <tablePrefix>_records} and {@code <tablePrefix>_head}, in the
     *                     connection's search path: 1 to 40 of {@code a-z 0-9 _}, starting with a letter
     * @param connections  the most connections the store keeps open (appends beyond that wait for one): 1 to 64
     * @param lockTimeoutMillis how long an append waits for the head row before it fails (0 = no limit)
     * @param clock        the time written into each record
     */
    public record Settings(String tablePrefix, int connections, long lockTimeoutMillis, Clock clock) {

        public Settings {
            if (tablePrefix == null || !PREFIX.matcher(tablePrefix).matches()) {
                throw new IllegalArgumentException("tablePrefix '" + tablePrefix + "' is not allowed; use 1 to 40 of"
                        + " a-z, 0-9 and '_', starting with a letter, e.g. fairpath_decision");
            }
            if (connections < 1 || connections > 64) {
                throw new IllegalArgumentException("connections is " + connections + "; allowed: 1 to 64");
            }
            if (lockTimeoutMillis < 0) {
                throw new IllegalArgumentException("lockTimeoutMillis is " + lockTimeoutMillis
                        + "; allowed: 0 (no limit) or more");
            }
            Objects.requireNonNull(clock, "clock");
        }

        /** Prefix {@code fairpath_decision}, 4 connections, a 30 s lock timeout, the system clock in UTC. */
        public static Settings withDefaults() {
            return new Settings("fairpath_decision", 4, 30_000, Clock.systemUTC());
        }

        public Settings withTablePrefix(String prefix) {
            return new Settings(prefix, connections, lockTimeoutMillis, clock);
        }

        public Settings withConnections(int n) {
            return new Settings(tablePrefix, n, lockTimeoutMillis, clock);
        }

        public Settings withLockTimeoutMillis(long millis) {
            return new Settings(tablePrefix, connections, millis, clock);
        }

        public Settings withClock(Clock c) {
            return new Settings(tablePrefix, connections, lockTimeoutMillis, c);
        }
    }

    private final DataSource dataSource;
    private final Settings settings;
    private final String records;
    private final String head;
    private final String lockHead;
    private final String insertRecord;
    private final String moveHead;
    private final Semaphore permits;
    /** Open connections not in use; guarded by itself. */
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private volatile boolean closed;

    private PostgresDecisionStore(DataSource dataSource, Settings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.records = settings.tablePrefix() + "_records";
        this.head = settings.tablePrefix() + "_head";
        this.lockHead = "SELECT seq, hash FROM " + head + " WHERE id = 1 FOR UPDATE";
        this.insertRecord = "INSERT INTO " + records + " (seq, line) VALUES (?, ?)";
        this.moveHead = "UPDATE " + head + " SET seq = ?, hash = ? WHERE id = 1 AND seq = ?";
        this.permits = new Semaphore(settings.connections(), true);
    }

    /** Opens the store in the tables {@code fairpath_decision_records} and {@code fairpath_decision_head}. */
    public static PostgresDecisionStore open(DataSource dataSource) throws IOException {
        return open(dataSource, Settings.withDefaults());
    }

    /**
     * Opens the store after checking that the database and its tables can be used safely.
     *
     * @throws IOException           if the database cannot be reached
     * @throws IllegalStateException naming the table or setting, if the tables are missing, are not this store's
     *                               (other columns, another schema version) or do not match each other, or the
     *                               server is not set up for durable UTF-8 text
     */
    public static PostgresDecisionStore open(DataSource dataSource, Settings settings) throws IOException {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(settings, "settings");
        PostgresDecisionStore store = new PostgresDecisionStore(dataSource, settings);
        Connection c = store.borrow();
        boolean healthy = false;
        try {
            store.checkDatabase(c);
            healthy = true;
        } catch (SQLException e) {
            throw new IOException("cannot check the decision store tables " + store.records + " and " + store.head
                    + ": " + e.getMessage(), e);
        } finally {
            store.giveBack(c, healthy);
        }
        return store;
    }

    /**
     * Creates the store's two tables (schema version {@value #SCHEMA_VERSION}) and the head row of an empty chain, in
     * one transaction.
     *
     * @throws IOException if the database cannot be reached or a table already exists (nothing is created then)
     */
    public static void createTables(DataSource dataSource, String tablePrefix) throws IOException {
        Settings checked = Settings.withDefaults().withTablePrefix(tablePrefix);
        String script;
        try (InputStream in = PostgresDecisionStore.class.getResourceAsStream(SCRIPT)) {
            script = new String(Objects.requireNonNull(in, SCRIPT).readAllBytes(), StandardCharsets.UTF_8);
        }
        script = script.replace("${prefix}", checked.tablePrefix());
        try (Connection c = connect(dataSource)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String statement : statements(script)) {
                    s.execute(statement);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw new IOException("could not create the decision store tables " + checked.tablePrefix()
                        + "_records and " + checked.tablePrefix() + "_head: " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new IOException("could not create the decision store tables: " + e.getMessage(), e);
        }
    }

    /** The script's statements: comments dropped, split at ';' (the script has no ';' inside a statement). */
    private static List<String> statements(String script) {
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : sql.toString().split(";")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private void checkDatabase(Connection c) throws SQLException {
        String encoding = setting(c, "server_encoding");
        if (!encoding.equals("UTF8")) {
            throw new IllegalStateException("the database's server_encoding is " + encoding + "; the decision store"
                    + " needs UTF8 so that every record's text is kept exactly");
        }
        if (!setting(c, "fsync").equals("on")) {
            throw new IllegalStateException("the PostgreSQL server runs with fsync off, so a committed record can be"
                    + " lost in a crash; the decision store needs fsync on");
        }
        checkColumns(c, records, Map.of("seq", "bigint", "line", "text"));
        checkColumns(c, head, Map.of("id", "smallint", "schema_version", "integer", "seq", "bigint", "hash", "text"));
        long headSeq;
        String headHash;
        Head last;
        // the head row and the last record from one snapshot: other servers may be appending
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id, schema_version, seq, hash FROM " + head + " ORDER BY id")) {
            if (!r.next()) {
                throw new IllegalStateException("the table " + head + " has no row; it must hold exactly one (id 1),"
                        + " made by createTables");
            }
            int version = r.getInt("schema_version");
            if (version != SCHEMA_VERSION) {
                throw new IllegalStateException("the table " + head + " is schema version " + version + "; this"
                        + " fairpath reads and writes schema version " + SCHEMA_VERSION + " only");
            }
            headSeq = r.getLong("seq");
            headHash = r.getString("hash");
            if (r.getInt("id") != 1 || r.next()) {
                throw new IllegalStateException("the table " + head + " must hold exactly one row, with id 1");
            }
            last = lastRecord(c);
        } finally {
            c.rollback();
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
        if (last.sequence() != headSeq || !last.hash().equals(headHash)) {
            throw new IllegalStateException("the head row of " + head + " says " + headSeq + ":" + headHash
                    + " but the last record in " + records + " is " + last + "; the tables were changed outside the"
                    + " store: run verify and restore from a backup rather than appending");
        }
    }

    /** The last record's sequence and hash, read from its line (checked by the codec), or (0, GENESIS). */
    private Head lastRecord(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT seq, line FROM " + records + " ORDER BY seq DESC LIMIT 1")) {
            Head last = new Head(0, RecordCodec.GENESIS);
            if (r.next()) {
                long seq = r.getLong(1);
                LogRecord record;
                try {
                    record = RecordCodec.decode(r.getString(2));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("the last record in " + records + " (seq " + seq + ") is not"
                            + " intact: " + e.getMessage() + "; run verify and restore from a backup");
                }
                last = new Head(record.sequence(), record.hash());
            }
            return last;
        }
    }

    private void checkColumns(Connection c, String table, Map<String, String> expected) throws SQLException {
        Map<String, String> found = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod)"
                + " FROM pg_attribute a WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY a.attnum")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    found.put(r.getString(1), r.getString(2));
                }
            }
        }
        c.commit();
        if (found.isEmpty()) {
            throw new IllegalStateException("the table " + table + " does not exist in the connection's search path;"
                    + " create the store's tables with PostgresDecisionStore.createTables (or the script "
                    + SCRIPT + ")");
        }
        if (!found.equals(expected)) {
            throw new IllegalStateException("the table " + table + " has the columns " + found + "; a schema"
                    + " version " + SCHEMA_VERSION + " decision store table has " + new java.util.TreeMap<>(expected)
                    + " (another schema version, or another application's table)");
        }
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT current_setting(?)")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                String value = r.getString(1);
                c.commit();
                return value;
            }
        }
    }

    @Override
    public Appended append(String type, Map<String, ?> body) throws IOException {
        RecordCodec.checkAppendType(type);
        Objects.requireNonNull(body, "body");
        Connection c = borrow();
        RecordCodec.Encoded encoded;
        long seq;
        try {
            long headSeq;
            String headHash;
            try (PreparedStatement p = c.prepareStatement(lockHead); ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("the table " + head + " has lost its row; the store cannot"
                            + " append (run verify)");
                }
                headSeq = r.getLong(1);
                headHash = r.getString(2);
            }
            seq = headSeq + 1;
            encoded = RecordCodec.encode(seq, settings.clock().instant(), type, headHash, body);
            try (PreparedStatement p = c.prepareStatement(insertRecord)) {
                p.setLong(1, seq);
                p.setString(2, encoded.line());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement(moveHead)) {
                p.setLong(1, seq);
                p.setString(2, encoded.hash());
                p.setLong(3, headSeq);
                if (p.executeUpdate() != 1) {
                    throw new SQLException("the head row of " + head + " moved during the append", "40001");
                }
            }
        } catch (SQLException e) {
            rollback(c);
            giveBack(c, false);
            throw new IOException("append of a " + type + " record failed and was rolled back; nothing was stored: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            giveBack(c, rollback(c));
            throw e;
        }
        try {
            c.commit();
        } catch (SQLException e) {
            giveBack(c, false);
            return resolveInDoubt(type, seq, encoded, e);
        }
        giveBack(c, true);
        return new Appended(seq, encoded.hash());
    }

    /**
     * After a failed commit: waits for the head row (so the failed transaction has ended one way or the other), then
     * looks for the record. Acknowledges it if it is there; throws if it is not.
     */
    private Appended resolveInDoubt(String type, long seq, RecordCodec.Encoded encoded, SQLException failure)
            throws IOException {
        Connection c;
        try {
            c = borrow();
        } catch (IOException e) {
            e.addSuppressed(failure);
            throw new IOException("the commit of record " + seq + " failed and the database cannot be reached to"
                    + " see whether it was stored; check head() before appending it again", e);
        }
        boolean healthy = false;
        try {
            try (PreparedStatement p = c.prepareStatement(lockHead); ResultSet r = p.executeQuery()) {
                r.next(); // the lock is all we need: the failed transaction has ended
            }
            boolean stored;
            try (PreparedStatement p = c.prepareStatement("SELECT line FROM " + records + " WHERE seq = ?")) {
                p.setLong(1, seq);
                try (ResultSet r = p.executeQuery()) {
                    stored = r.next() && r.getString(1).equals(encoded.line());
                }
            }
            c.rollback();
            healthy = true;
            if (stored) {
                LOG.log(System.Logger.Level.WARNING, "the commit of record {0} reported {1}, but the record is"
                        + " stored: acknowledged", seq, failure.getMessage());
                return new Appended(seq, encoded.hash());
            }
            throw new IOException("append of a " + type + " record failed at commit; nothing was stored: "
                    + failure.getMessage(), failure);
        } catch (SQLException e) {
            e.addSuppressed(failure);
            throw new IOException("the commit of record " + seq + " failed and checking whether it was stored"
                    + " failed too; check head() before appending it again: " + e.getMessage(), e);
        } finally {
            giveBack(c, healthy);
        }
    }

    /**
     * The head row: the last committed record's sequence number and hash.
     *
     * @throws UncheckedIOException if the database cannot be read
     */
    @Override
    public Head head() {
        try {
            return withConnection(c -> {
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT seq, hash FROM " + head + " WHERE id = 1")) {
                    if (!r.next()) {
                        throw new IllegalStateException("the table " + head + " has lost its row (run verify)");
                    }
                    return new Head(r.getLong(1), r.getString(2));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Verification verify() throws IOException {
        return verify(null);
    }

    @Override
    public Verification verify(Head expected) throws IOException {
        return withConnection(c -> {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                Head headRow;
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT seq, hash FROM " + head + " WHERE id = 1")) {
                    headRow = r.next() ? new Head(r.getLong(1), r.getString(2)) : null;
                }
                ChainCheck check = ChainCheck.create(expected, null);
                try (PreparedStatement p = c.prepareStatement("SELECT seq, line FROM " + records + " ORDER BY seq")) {
                    p.setFetchSize(FETCH);
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            long column = r.getLong(1);
                            String line = r.getString(2);
                            LogRecord record;
                            try {
                                record = RecordCodec.decode(line);
                            } catch (IllegalArgumentException e) {
                                check.line(line); // fails, in the file log's words
                                break;
                            }
                            if (record.sequence() != column) {
                                return new Verification(false, check.records(), OptionalLong.of(column), "the row"
                                        + " with seq " + column + " in " + records + " holds record "
                                        + record.sequence() + " (rows were renumbered)", check.result().head());
                            }
                            if (!check.record(record)) {
                                break;
                            }
                        }
                    }
                }
                Verification v = check.result();
                if (v.intact() && headRow == null) {
                    return new Verification(false, v.records(), OptionalLong.empty(), "the table " + head
                            + " has lost its row", v.head());
                }
                if (v.intact() && !v.head().equals(headRow)) {
                    return new Verification(false, v.records(), OptionalLong.of(headRow.sequence()),
                            "the head row says " + headRow + " but the last record is " + v.head()
                                    + " (records at the end were deleted, or the head row was changed)", v.head());
                }
                return v;
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        });
    }

    @Override
    public void forEach(Consumer<LogRecord> each) throws IOException {
        Objects.requireNonNull(each, "each");
        withConnection(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT seq, line FROM " + records + " ORDER BY seq")) {
                p.setFetchSize(FETCH);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        LogRecord record;
                        try {
                            record = RecordCodec.decode(r.getString(2));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(records + " row seq " + r.getLong(1)
                                    + " is not an intact record: " + e.getMessage(), e);
                        }
                        each.accept(record);
                    }
                }
            } finally {
                c.rollback();
            }
            return null;
        });
    }

    /**
     * Writes every record's line, in sequence order, to a new file: a file log holding the same records, which
     * {@link DecisionLog#verify(Path)} checks like any other (verify the store first: the lines are copied as they
     * are). The file is forced to disk before this returns.
     *
     * @return the head of the exported records
     * @throws IOException if {@code file} exists (it is left as it is) or cannot be written (a partly written export
     *                     is deleted)
     */
    public Head exportTo(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        FileChannel out;
        try {
            out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IOException("export target " + file + " exists; export writes a new file only", e);
        }
        boolean done = false;
        try (out) {
            Head last = export(out);
            out.force(true);
            done = true;
            return last;
        } finally {
            if (!done) {
                java.nio.file.Files.deleteIfExists(file); // no half-written export is left behind
            }
        }
    }

    private Head export(FileChannel out) throws IOException {
        return withConnection(c -> {
            Head last = new Head(0, RecordCodec.GENESIS);
            try (PreparedStatement p = c.prepareStatement("SELECT seq, line FROM " + records + " ORDER BY seq")) {
                p.setFetchSize(FETCH);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        String line = r.getString(2);
                        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
                        while (b.hasRemaining()) {
                            out.write(b);
                        }
                        last = new Head(r.getLong(1), line.substring(line.length() - 66, line.length() - 2));
                    }
                }
            } finally {
                c.rollback();
            }
            return last;
        });
    }

    @Override
    public void close() {
        closed = true;
        synchronized (idle) {
            for (Connection c : idle) {
                closeQuietly(c);
            }
            idle.clear();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException, IOException;
    }

    private <T> T withConnection(Work<T> work) throws IOException {
        Connection c = borrow();
        boolean healthy = false;
        try {
            T result = work.run(c);
            c.rollback(); // reads only: end the transaction, so no snapshot or lock outlives the call
            healthy = true;
            return result;
        } catch (SQLException e) {
            throw new IOException("reading the decision store " + records + " failed: " + e.getMessage(), e);
        } finally {
            giveBack(c, healthy);
        }
    }

    /** An open connection for this store's exclusive use until {@link #giveBack}. */
    private Connection borrow() throws IOException {
        if (closed) {
            throw new IllegalStateException("the PostgreSQL decision store " + records + " is closed");
        }
        permits.acquireUninterruptibly();
        synchronized (idle) {
            Connection c = idle.pollFirst();
            if (c != null) {
                return c;
            }
        }
        try {
            Connection c = connect(dataSource);
            try (Statement s = c.createStatement()) {
                s.execute("SET synchronous_commit TO on");
                s.execute("SET lock_timeout TO " + settings.lockTimeoutMillis());
            }
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            permits.release();
            throw new IOException("cannot connect to the PostgreSQL decision store: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private static Connection connect(DataSource dataSource) throws SQLException {
        return dataSource.getConnection();
    }

    /** Returns a connection for reuse, or closes it if it failed (a new one replaces it on demand). */
    private void giveBack(Connection c, boolean healthy) {
        if (healthy && !closed) {
            synchronized (idle) {
                idle.addFirst(c);
            }
        } else {
            closeQuietly(c);
        }
        permits.release();
    }

    private static boolean rollback(Connection c) {
        try {
            c.rollback();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a failed connection: {0}", e.getMessage());
        }
    }
}
