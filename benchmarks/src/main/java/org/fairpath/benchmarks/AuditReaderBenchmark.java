package org.fairpath.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.fairpath.fairness.input.AuditColumns;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.input.AuditReader;
import org.fairpath.fairness.input.CountedAudit;
import org.fairpath.fairness.stats.AuditCounts;
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
 * Reading an audit CSV into counts: the streaming {@link AuditReader} (fast byte path, two threads from 32 MiB)
 * against the in-memory reader ({@code AuditData.fromCsv} then {@code AuditCounts.of}), on the file that
 * {@link AuditFileGenerator} writes (written to a temp directory in {@code @Setup}, deleted after).
 *
 * <p>{@code coded} reads the same rows written with numeric codes ({@link AuditFileGenerator}'s {@code coded} file).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar AuditReaderBenchmark -f 1 -wi 2 -i 3}; the streamed reader
 * alone on the 10M-row files (about 500 and 250 MB in the temp directory; the in-memory reader needs more than this
 * heap there): {@code java -jar benchmarks/target/benchmarks.jar 'AuditReaderBenchmark.streamed' -p rows=10000000
 * -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class AuditReaderBenchmark {

    @Param({"1000000", "10000000"})
    int rows;

    @Param({"false", "true"})
    boolean coded;

    Path dir;
    Path file;
    AuditColumns spec;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("fairpath-reader-bench");
        file = dir.resolve("cases.csv");
        AuditFileGenerator.write(file, rows, 18, coded);
        spec = AuditColumns.of(List.of("gender", "age_band", "citizenship"), "decision",
                        Set.of(coded ? "1" : "referred"))
                .withOutcome("outcome", Set.of(coded ? "1" : "employed"), Set.of()).withScore("score");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    /** Streamed into counts (3 groupings deep). */
    @Benchmark
    public CountedAudit streamed() throws IOException {
        return AuditReader.of(spec).withDepth(3).read(file);
    }

    /** Every row into memory, then counted. */
    @Benchmark
    public AuditCounts inMemory() throws IOException {
        return AuditCounts.of(AuditData.fromCsv(file, spec), 3);
    }
}
