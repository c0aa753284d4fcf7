package org.fairpath.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fairpath.core.allocation.AllocationResult;
import org.fairpath.core.allocation.Allocator;
import org.junit.jupiter.api.Test;

/**
 * The benchmarked allocations are the library's: the same options as a direct call, capacities respected, the
 * constrained objectives no better than the capacity-only one, and the constraints met or reported.
 */
final class AllocationBenchmarkTest {

    @Test
    void allocations_equalDirectCallsAndRespectCapacities() {
        AllocationBenchmark b = new AllocationBenchmark();
        b.jobseekers = 2_000;
        b.setUp();
        AllocationResult cap = b.capacityOnly();
        assertArrayEquals(Allocator.allocate(b.cohort, b.capacityOnly).options(), cap.options());
        cap.placesUsed().forEach((s, used) -> assertTrue(used <= cap.capacities().get(s), s));
        assertEquals(cap.objective(), cap.bound(), 0.0);
        AllocationResult share = b.shareConstraint();
        AllocationResult gap = b.gapConstraint();
        for (AllocationResult r : new AllocationResult[] {share, gap}) {
            assertTrue(r.objective() <= cap.objective() + 1e-9);
            assertTrue(r.bound() <= cap.objective() + 1e-9, "the constrained LP cannot beat the unconstrained one");
            r.placesUsed().forEach((s, used) -> assertTrue(used <= r.capacities().get(s), s));
        }
        assertTrue(gap.violations().isEmpty(), gap.violations().toString());
    }
}
