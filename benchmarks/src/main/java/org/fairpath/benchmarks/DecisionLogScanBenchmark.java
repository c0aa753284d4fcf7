package org.fairpath.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.log.RecordCodec;
import org.fairpath.core.log.Verification;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verify and purge of a large decision log: the log ({@code records} decision-sized records, one per simulated
 * minute) is generated once per trial into a temporary directory (never in the repository) with the same codec the
 * log writes with; purge removes the older half, on a fresh copy each time.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DecisionLogScanBenchmark -f 1 -wi 1 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class DecisionLogScanBenchmark {

    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @Param({"1000000"})
    int records;

    Path dir;
    Path source;
    Path work;
    DecisionLog log;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        dir = Files.createTempDirectory("fairpath-log-bench");
        source = dir.resolve("source.jsonl");
        work = dir.resolve("work.jsonl");
        write(source, records);
    }

    /** Writes {@code n} chained decision-sized records, one per minute from {@link #START}. */
    static void write(Path file, int n) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            String prev = RecordCodec.GENESIS;
            for (int i = 1; i <= n; i++) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("jobseeker", "js-" + i);
                body.put("counsellor", "c-" + (i % 40));
                body.put("inputHash", "ab".repeat(32));
                body.put("suggestions", List.of(Map.of("service", "wage_subsidy", "rank", 1, "pWith", 0.61),
                        Map.of("service", "vocational_training", "rank", 2, "pWith", 0.55)));
                body.put("decision", Map.of("kind", "ACCEPTED", "service", "wage_subsidy"));
                body.put("audit", Map.of("auditOnly", true, "age", 20 + i % 45, "gender", i % 2 == 0 ? "f" : "m"));
                RecordCodec.Encoded e = RecordCodec.encode(i, START.plusSeconds(60L * i), "DECISION", prev, body);
                out.write(e.line().getBytes(StandardCharsets.UTF_8));
                out.write('\n');
                prev = e.hash();
            }
        }
    }

    @Setup(Level.Invocation)
    public void freshCopy() throws IOException {
        Files.copy(source, work, StandardCopyOption.REPLACE_EXISTING);
        Clock clock = Clock.fixed(START.plusSeconds(60L * records), ZoneOffset.UTC);
        log = DecisionLog.options().minimumRetention(Duration.ZERO).clock(clock).open(work); // open verifies too
    }

    @TearDown(Level.Invocation)
    public void closeCopy() throws IOException {
        log.close();
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Verifies every record and the chain (streaming, one decode per line). */
    @Benchmark
    public Verification verify() throws IOException {
        return DecisionLog.verify(source);
    }

    /** Purges the older half: CHECKPOINT + kept records + PURGE written, forced and renamed in. */
    @Benchmark
    public long purge() throws IOException {
        return log.purge(Duration.ofMinutes(records / 2), "bench");
    }
}
