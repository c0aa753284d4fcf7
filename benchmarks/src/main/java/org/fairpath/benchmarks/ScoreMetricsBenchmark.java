package org.fairpath.benchmarks;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.ScoreFrame;
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
 * ROC AUC, Brier score and calibration (10 bins) for the 24 intersection groups of 3 attributes (gender 2, age band 4,
 * citizenship 3), from rows held in memory: {@code ScoreFrame.of(data, [gender, age, citizenship], 10, settings)}.
 * The same class compiles against the code before issue 18 (rank-based: all usable rows sorted by score), so the
 * before and after figures come from one benchmark.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ScoreMetricsBenchmark -f 1 -wi 2 -i 3}.
 *
 * <p>Inputs: seeded rows; scores to 4 decimals ({@code scores=DECIMALS_4}, at most 10,001 distinct) or all different
 * ({@code CONTINUOUS}); 10% of outcomes unknown, 2% of scores missing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ScoreMetricsBenchmark {

    /** How the scores are written. */
    public enum Scores { DECIMALS_4, CONTINUOUS }

    @Param({"10000000"})
    int rows;

    @Param({"DECIMALS_4", "CONTINUOUS"})
    Scores scores;

    AuditData data;
    List<String> grouping = List.of("gender", "age", "citizenship");
    AuditSettings settings = AuditSettings.withDefaults().withMinGroupSize(1);

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(18);
        String[] gender = new String[rows];
        String[] age = new String[rows];
        String[] cit = new String[rows];
        Boolean[] outcome = new Boolean[rows];
        double[] score = new double[rows];
        String[] ages = {"<25", "25-39", "40-54", "55+"};
        String[] cits = {"national", "EU", "non-EU"};
        for (int i = 0; i < rows; i++) {
            gender[i] = r.nextBoolean() ? "F" : "M";
            age[i] = ages[r.nextInt(4)];
            cit[i] = cits[r.nextInt(3)];
            double p = r.nextDouble();
            score[i] = r.nextInt(50) == 0 ? Double.NaN : scores == Scores.DECIMALS_4 ? Math.round(p * 1e4) / 1e4 : p;
            outcome[i] = r.nextInt(10) == 0 ? null : r.nextDouble() < p;
        }
        data = AuditData.builder().group("gender", gender).group("age", age).group("citizenship", cit)
                .decisions(new boolean[rows]).outcomes(outcome).scores(score).build();
    }

    /** AUC, Brier and calibration for the 24 groups and overall. */
    @Benchmark
    public ScoreFrame byIntersection() {
        return ScoreFrame.of(data, grouping, 10, settings);
    }
}
