package org.fairpath.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.input.AuditData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The audit engine's single pass: binary-decision counts for 3 group attributes (gender, age band, citizenship group)
 * and all their intersections (7 groupings), on 1 and 10 million rows, using both cores.
 *
 * <p>Run: {@code mvn -B -q -DskipTests package && java -jar benchmarks/target/benchmarks.jar AuditBenchmark}; rows
 * per second = rows / (ms per op / 1000).
 *
 * <p>Inputs: the first 100,000 cases of the seeded synthetic caseload (decision: received any service; outcome:
 * employed; 10% of outcomes unknown), repeated to the row count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AuditBenchmark {

    @Param({"1000000", "10000000"})
    int rows;

    AuditData data;

    @Setup
    public void setUp() {
        List<SyntheticCase> cases = CaseloadGenerator.create(CaseloadSettings.withDefaults()).generate(100_000);
        String[] gender = new String[rows];
        String[] age = new String[rows];
        String[] citizenship = new String[rows];
        boolean[] decision = new boolean[rows];
        Boolean[] outcome = new Boolean[rows];
        for (int i = 0; i < rows; i++) {
            SyntheticCase c = cases.get(i % cases.size());
            JobseekerProfile p = c.profile();
            gender[i] = (String) p.value("gender");
            double a = (Double) p.value("age");
            age[i] = a < 25 ? "<25" : a < 40 ? "25-39" : a < 55 ? "40-54" : "55+";
            citizenship[i] = (String) p.value("citizenship_group");
            decision[i] = c.assignedArm() != 0;
            outcome[i] = i % 10 == 0 ? null : c.outcome();
        }
        data = AuditData.builder().group("gender", gender).group("age", age).group("citizenship", citizenship)
                .decisions(decision).outcomes(outcome).build();
    }

    /** Counts for every attribute and intersection (depth 3). */
    @Benchmark
    public AuditCounts countAll() {
        return AuditCounts.of(data, 3);
    }
}
