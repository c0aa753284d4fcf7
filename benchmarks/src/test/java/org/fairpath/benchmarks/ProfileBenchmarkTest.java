package org.fairpath.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.fairpath.core.Eligibility;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.junit.jupiter.api.Test;

/** Every benchmarked method computes what the library computes for the same input. */
final class ProfileBenchmarkTest {

    private static ProfileBenchmark bench(int pool) {
        ProfileBenchmark b = new ProfileBenchmark();
        b.pool = pool;
        b.setUp();
        return b;
    }

    @Test
    void eachVariant_computesTheLibrarysAnswer() {
        ProfileBenchmark b = bench(8);
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        FeatureEncoder encoder = FeatureEncoder.of(gen.schema());
        for (int k = 1; k <= 16; k++) {
            JobseekerProfile expected = gen.generate((long) (k % 8)).profile();
            // each call visits the next profile of the pool; rewind so all three see profile k % 8
            b.next = (k - 1) & 7;
            assertArrayEquals(encoder.encode(expected), b.encode().clone(), 0.0);
            b.next = (k - 1) & 7;
            assertEquals(expected.values(), b.validate().values());
            long eligible = ServiceCatalogue.defaultPes().eligibility(expected).stream()
                    .filter(Eligibility::eligible).count();
            b.next = (k - 1) & 7;
            assertEquals(eligible, b.eligibleServices());
        }
        assertEquals(gen.generate(0L).profile(), b.generateCase().profile());
        assertEquals(gen.generate(1L).profile(), b.generateCase().profile());
    }

    @Test
    void setUp_poolNotPowerOfTwo_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> bench(1000));
    }
}
