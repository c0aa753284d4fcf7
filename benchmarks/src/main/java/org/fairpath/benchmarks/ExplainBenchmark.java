package org.fairpath.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;
import org.fairpath.explain.AdditiveExplanation;
import org.fairpath.explain.KernelShapExplainer;
import org.fairpath.explain.LinearExplainer;
import org.fairpath.explain.TreeShapExplainer;
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
 * Explaining one suggestion: the exact linear explanation, exact TreeSHAP on a 100-round depth-6 XGBoost ensemble
 * (200 trees: one per class per round), and Kernel SHAP (all 2,046 coalitions of the 11 attributes, 20 background
 * rows) on the logistic model. TreeSHAP's per-column values are also measured alone, from the per-leaf tables
 * ({@code treeShapColumns}) and by the paper's Algorithm 2 that they replaced ({@code treeShapAlgorithm2Columns}).
 *
 * <p>Run: {@code mvn -B -q -DskipTests package && java -jar benchmarks/target/benchmarks.jar ExplainBenchmark -prof gc}
 *
 * <p>Inputs: models trained in {@code @Setup} on 8,000 seeded synthetic cases; {@code pool} held-out profiles visited
 * in turn.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class ExplainBenchmark {

    @Param({"256"})
    int pool;

    LinearExplainer linear;
    TreeShapExplainer treeShap;
    org.fairpath.explain.ReferencePaths.Algorithm2 algorithm2;
    double[][] rows;
    KernelShapExplainer kernel;
    JobseekerProfile[] profiles;
    int next;

    @Setup
    public void setUp() {
        if (Integer.bitCount(pool) != 1) {
            throw new IllegalArgumentException("pool is " + pool + "; it must be a power of two");
        }
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        List<TrainingCase> cases = gen.stream(8000)
                .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList();
        OutcomeModels lin = OutcomeModels.train(gen.catalogue(), cases, TrainingSettings.withDefaults().withBags(0));
        OutcomeModels trees = OutcomeModels.train(gen.catalogue(), cases, TrainingSettings.withDefaults().withBags(0)
                .withLearner(TrainingSettings.Learner.BOOSTED_TREES).withTrees(100, 6, 0.1));
        OutcomeModels.LinearModel m = lin.linear("vocational_training").orElseThrow();
        linear = LinearExplainer.of(lin.encoder(), m.weights(), m.bias(), lin.summary().columnMean());
        treeShap = TreeShapExplainer.of(trees.encoder(), trees.trees("vocational_training").orElseThrow());
        algorithm2 = org.fairpath.explain.ReferencePaths.algorithm2(trees.trees("vocational_training").orElseThrow());
        List<double[]> background = gen.stream(20).map(c -> lin.encoder().encode(c.profile())).toList();
        kernel = KernelShapExplainer.of(lin.encoder(), lin.scorer("vocational_training"), background, 1000, 1);
        profiles = gen.stream(8000L + pool).skip(8000).map(SyntheticCase::profile).toArray(JobseekerProfile[]::new);
        rows = new double[pool][];
        for (int i = 0; i < pool; i++) {
            rows[i] = trees.encoder().encode(profiles[i]);
        }
    }

    private JobseekerProfile nextProfile() {
        next = (next + 1) & (pool - 1);
        return profiles[next];
    }

    @Benchmark
    public AdditiveExplanation linearExact() {
        return linear.explain(nextProfile());
    }

    @Benchmark
    public AdditiveExplanation treeShap() {
        return treeShap.explain(nextProfile());
    }

    /** TreeSHAP's per-column values for an encoded row, from the explainer's per-leaf tables. */
    @Benchmark
    public double[] treeShapColumns() {
        next = (next + 1) & (pool - 1);
        return org.fairpath.explain.ReferencePaths.columnValues(treeShap, rows[next]);
    }

    /** The same values by Algorithm 2 (the implementation the tables replaced), for the before/after ratio. */
    @Benchmark
    public double[] treeShapAlgorithm2Columns() {
        next = (next + 1) & (pool - 1);
        return algorithm2.columnValues(rows[next]);
    }

    @Benchmark
    public AdditiveExplanation kernelShap() {
        return kernel.explain(nextProfile());
    }
}
