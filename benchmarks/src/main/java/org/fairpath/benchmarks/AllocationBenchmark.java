package org.fairpath.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fairpath.core.allocation.AllocationResult;
import org.fairpath.core.allocation.AllocationSettings;
import org.fairpath.core.allocation.Allocator;
import org.fairpath.core.allocation.Cohort;
import org.fairpath.core.allocation.GroupConstraint;
import org.fairpath.core.allocation.Objective;
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
 * Allocating a cohort's programme places: 6 services plus no programme, capacities equal to the places the cohort
 * used historically, with no group constraint, with a citizenship share of vocational training within 5 points,
 * and with the expected-employment gap between citizenship groups within 18 points.
 *
 * <p>Run: {@code mvn -B -q -DskipTests package && java -jar benchmarks/target/benchmarks.jar AllocationBenchmark};
 * on a loaded machine a short run: {@code ... AllocationBenchmark -f 1 -wi 2 -i 3}.
 *
 * <p>Inputs: the first {@code jobseekers} cases of the seeded synthetic caseload (seed 42), with their true
 * employment probabilities as the estimates (the allocator does not care where they come from).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AllocationBenchmark {

    @Param({"1000", "10000", "100000"})
    int jobseekers;

    Cohort cohort;
    AllocationSettings capacityOnly;
    AllocationSettings share;
    AllocationSettings gap;

    @Setup
    public void setUp() {
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        List<SyntheticCase> cases = gen.generate(jobseekers);
        List<String> services = gen.catalogue().ids();
        List<String> ids = new ArrayList<>();
        double[] p0 = new double[jobseekers];
        double[][] p = new double[jobseekers][services.size()];
        List<String> citizenship = new ArrayList<>();
        long[] used = new long[services.size() + 1];
        for (int i = 0; i < jobseekers; i++) {
            SyntheticCase c = cases.get(i);
            ids.add(c.profile().id());
            p0[i] = c.trueProbability(0);
            for (int s = 0; s < services.size(); s++) {
                p[i][s] = c.eligible(s + 1) ? c.trueProbability(s + 1) : Double.NaN;
            }
            citizenship.add((String) c.profile().value("citizenship_group"));
            used[c.assignedArm()]++;
        }
        cohort = Cohort.of(ids, services, p0, p, Map.of("citizenship_group", citizenship), "true-probabilities");
        Map<String, Long> caps = new LinkedHashMap<>();
        for (int s = 0; s < services.size(); s++) {
            caps.put(services.get(s), used[s + 1]);
        }
        capacityOnly = new AllocationSettings(caps, Objective.uplift(), List.of());
        share = capacityOnly.withConstraint(new GroupConstraint.ServiceShare("citizenship_group",
                "vocational_training", 0.05));
        gap = capacityOnly.withConstraint(new GroupConstraint.EmploymentGap("citizenship_group", 0.18));
    }

    /** Capacities and eligibility only: exact by successive longest-gain paths. */
    @Benchmark
    public AllocationResult capacityOnly() {
        return Allocator.allocate(cohort, capacityOnly);
    }

    /** Plus a share constraint (6 rows: upper and lower bound for each of 3 citizenship groups). */
    @Benchmark
    public AllocationResult shareConstraint() {
        return Allocator.allocate(cohort, share);
    }

    /** Plus a gap constraint on expected employment (6 rows: every ordered pair of 3 citizenship groups). */
    @Benchmark
    public AllocationResult gapConstraint() {
        return Allocator.allocate(cohort, gap);
    }
}
