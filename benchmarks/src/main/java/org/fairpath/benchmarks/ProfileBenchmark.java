package org.fairpath.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Schema;
import org.fairpath.core.Service;
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
 * The per-jobseeker steps before any model runs: validating raw values into a profile, encoding it into a
 * caller-supplied array (must allocate nothing), checking eligibility for every default service, and generating one
 * synthetic case.
 *
 * <p>Run: {@code mvn -B -q -DskipTests package && java -jar benchmarks/target/benchmarks.jar ProfileBenchmark -prof gc}
 *
 * <p>Inputs: {@code pool} profiles from the seeded synthetic caseload, visited in turn so the branch predictor
 * cannot learn a single profile.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProfileBenchmark {

    /** Number of distinct profiles cycled through; a power of two. */
    @Param({"1024"})
    int pool;

    Schema schema;
    FeatureEncoder encoder;
    Service[] services;
    JobseekerProfile[] profiles;
    List<Map<String, Object>> raw;
    CaseloadGenerator generator;
    double[] out;
    int next;
    long caseIndex;

    @Setup
    public void setUp() {
        if (Integer.bitCount(pool) != 1) {
            throw new IllegalArgumentException("pool is " + pool + "; it must be a power of two");
        }
        generator = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        schema = generator.schema();
        encoder = FeatureEncoder.of(schema);
        services = generator.catalogue().services().toArray(new Service[0]);
        List<SyntheticCase> cases = generator.generate(pool);
        profiles = cases.stream().map(SyntheticCase::profile).toArray(JobseekerProfile[]::new);
        raw = cases.stream().map(c -> {
            Map<String, Object> m = new java.util.HashMap<>(c.profile().values());
            return m;
        }).toList();
        out = new double[encoder.width()];
    }

    private int nextIndex() {
        next = (next + 1) & (pool - 1);
        return next;
    }

    /** Encodes one profile into the reused array. */
    @Benchmark
    public double[] encode() {
        encoder.encode(profiles[nextIndex()], out);
        return out;
    }

    /** Validates one set of raw values into a profile (what a host system does per request). */
    @Benchmark
    public JobseekerProfile validate() {
        return JobseekerProfile.of(schema, "js-bench", raw.get(nextIndex()));
    }

    /** Counts the default services one profile is eligible for. */
    @Benchmark
    public int eligibleServices() {
        JobseekerProfile p = profiles[nextIndex()];
        int eligible = 0;
        for (Service s : services) {
            eligible += s.isEligible(p) ? 1 : 0;
        }
        return eligible;
    }

    /** Generates the next synthetic case (validation included). */
    @Benchmark
    public SyntheticCase generateCase() {
        return generator.generate(caseIndex++);
    }
}
