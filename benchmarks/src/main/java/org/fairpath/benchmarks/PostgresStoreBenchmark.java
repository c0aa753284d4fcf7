package org.fairpath.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.fairpath.core.log.PostgresDecisionStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable appends per second to the PostgreSQL decision store with 1, 4 and 16 threads appending at once (as one
 * or several application servers handling many counsellors would; every append is its own committed transaction).
 *
 * <p>Run: {@code mvn -B -q -DskipTests package && java -jar benchmarks/target/benchmarks.jar PostgresStoreBenchmark}
 *
 * <p>Each trial starts a PostgreSQL 14 server (zonky's embedded binaries, linux-amd64) with {@code fsync} and
 * {@code synchronous_commit} on and its data in a temporary directory on the working disk, so a commit waits for
 * the write-ahead log to reach the disk; PostgreSQL's own group commit lets concurrent commits share a flush. The
 * store keeps up to 16 connections; the record is the same decision-sized body as {@link DecisionLogBenchmark}'s.
 * Client, server and disk share one machine: a server on its own host behaves differently.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PostgresStoreBenchmark {

    Path dir;
    EmbeddedPostgres server;
    PostgresDecisionStore store;
    DataSource dataSource;
    Map<String, Object> body;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory(Path.of("").toAbsolutePath(), "pg-bench");
        server = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        dataSource = server.getPostgresDatabase();
        PostgresDecisionStore.createTables(dataSource, "fairpath_decision");
        store = PostgresDecisionStore.open(dataSource, PostgresDecisionStore.Settings.withDefaults()
                .withConnections(16));
        body = DecisionLogBenchmark.DECISION_BODY;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        server.close(); // also deletes the data directory
        Files.deleteIfExists(dir);
    }

    /** One committed append, one thread. */
    @Benchmark
    @Threads(1)
    public long append1() throws IOException {
        return store.append("DECISION", body).sequence();
    }

    /** One committed append, 4 threads at once. */
    @Benchmark
    @Threads(4)
    public long append4() throws IOException {
        return store.append("DECISION", body).sequence();
    }

    /** One committed append, 16 threads at once. */
    @Benchmark
    @Threads(16)
    public long append16() throws IOException {
        return store.append("DECISION", body).sequence();
    }
}
