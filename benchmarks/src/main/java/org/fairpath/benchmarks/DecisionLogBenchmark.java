package org.fairpath.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fairpath.core.log.DecisionLog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable appends to the decision log per second: one force per record against group commit, with 1, 4 and 16
 * threads appending at once (as a server handling several counsellors would).
 *
 * <p>Run: {@code mvn -B -q -DskipTests package && java -jar benchmarks/target/benchmarks.jar DecisionLogBenchmark}
 * (on a shared machine: add {@code -f 1 -wi 2 -i 3}). Verify and purge of 1M records: {@link DecisionLogScanBenchmark}.
 *
 * <p>Each trial writes a fresh log in a temporary directory on the working disk; the record is a decision-sized body
 * (about 700 bytes of JSON).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecisionLogBenchmark {

    /** A decision-sized record body (about 700 bytes of JSON), shared with {@code PostgresStoreBenchmark}. */
    static final Map<String, Object> DECISION_BODY = Map.of("jobseeker", "js-000123", "counsellor", "c-17",
            "inputHash", "ab".repeat(32), "modelVersion", "cd".repeat(32), "suggestions", java.util.List.of(
                    Map.of("service", "wage_subsidy", "rank", 1, "pWith", 0.61, "uplift", 0.12),
                    Map.of("service", "vocational_training", "rank", 2, "pWith", 0.55, "uplift", 0.06)),
            "decision", Map.of("kind", "OVERRIDDEN", "service", "vocational_training",
                    "reasonCode", "JOBSEEKER_PREFERENCE"),
            "audit", Map.of("auditOnly", true, "age", 52, "gender", "female", "citizenship_group", "non_eu"));

    @Param({"FSYNC_EACH", "GROUP_COMMIT"})
    String durability;

    Path dir;
    DecisionLog log;
    Map<String, Object> body;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory(Path.of("").toAbsolutePath(), "log-bench");
        log = DecisionLog.open(dir.resolve("decisions.jsonl"), DecisionLog.Durability.valueOf(durability));
        body = DECISION_BODY;
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        log.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One durable append, one thread. */
    @Benchmark
    @Threads(1)
    public long append1() throws IOException {
        return append();
    }

    /** One durable append, 4 threads at once. */
    @Benchmark
    @Threads(4)
    public long append4() throws IOException {
        return append();
    }

    /** One durable append, 16 threads at once. */
    @Benchmark
    @Threads(16)
    public long append16() throws IOException {
        return append();
    }

    long append() throws IOException {
        return log.append("DECISION", body).sequence();
    }
}
