package org.fairpath.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.Recommender;
import org.fairpath.core.model.Scorer;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;
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
 * Scoring one encoded profile with a compiled scorer against Tribuo's {@code Model.predict} on the same trained model
 * (building the Tribuo {@code Example}, as a caller must), and {@code recommend} end to end over the default
 * catalogue (encoding, eligibility, seven options with their bootstrap bags, intervals, ranking, flags), beside the
 * reference path that scores each of those models by itself ({@code recommendReference}).
 *
 * <p>Run: {@code mvn -B -q -DskipTests package && java -jar benchmarks/target/benchmarks.jar ScoringBenchmark -prof gc}
 *
 * <p>Inputs: models trained in {@code @Setup} on 8,000 seeded synthetic cases ({@code learner}: logistic regression
 * or 100 boosted trees of depth 6; {@code bags} bootstrap models per option); {@code pool} held-out profiles visited in
 * turn.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScoringBenchmark {

    @Param({"LOGISTIC_REGRESSION", "BOOSTED_TREES"})
    String learner;

    @Param({"20"})
    int bags;

    @Param({"1024"})
    int pool;

    OutcomeModels models;
    Recommender recommender;
    Recommender reference;
    FeatureEncoder encoder;
    Scorer scorer;
    org.tribuo.Model<org.tribuo.classification.Label> tribuo;
    JobseekerProfile[] profiles;
    double[][] rows;
    int next;

    @Setup
    public void setUp() {
        if (Integer.bitCount(pool) != 1) {
            throw new IllegalArgumentException("pool is " + pool + "; it must be a power of two");
        }
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        List<TrainingCase> cases = gen.stream(8000)
                .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList();
        TrainingSettings s = TrainingSettings.withDefaults().withBags(bags)
                .withLearner(TrainingSettings.Learner.valueOf(learner)).withTrees(100, 6, 0.1);
        models = OutcomeModels.train(gen.catalogue(), cases, s);
        recommender = Recommender.of(models);
        reference = org.fairpath.core.model.ReferencePaths.unbatchedRecommender(models);
        encoder = models.encoder();
        scorer = models.scorer("vocational_training");
        tribuo = models.tribuoModel("vocational_training");
        profiles = gen.stream(8000L + pool).skip(8000).map(SyntheticCase::profile).toArray(JobseekerProfile[]::new);
        rows = new double[pool][];
        for (int i = 0; i < pool; i++) {
            rows[i] = encoder.encode(profiles[i]);
        }
    }

    private int nextIndex() {
        next = (next + 1) & (pool - 1);
        return next;
    }

    /** The compiled scorer on one encoded row. */
    @Benchmark
    public double compiledScore() {
        return scorer.probability(rows[nextIndex()]);
    }

    /** Tribuo's predict on the same model and row, including building the Example. */
    @Benchmark
    public double tribuoPredict() {
        return OutcomeModels.tribuoProbability(tribuo, encoder, rows[nextIndex()]);
    }

    /** Suggestions for one validated profile, without explanations. */
    @Benchmark
    public Recommendation recommend() {
        return recommender.recommend(profiles[nextIndex()]);
    }

    /**
     * The same suggestions by the reference path: every model (point and bags) scored by itself through its own
     * scorer, as {@code recommend} did before bags were batched (linear) and trees compiled into blocks.
     */
    @Benchmark
    public Recommendation recommendReference() {
        return reference.recommend(profiles[nextIndex()]);
    }
}
