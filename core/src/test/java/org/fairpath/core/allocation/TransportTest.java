package org.fairpath.core.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The warm-started assignment ({@link Transport#improve}), which the cutting-plane loop uses from its second
 * iteration on: from any feasible start it must reach the LP optimum (Commons Math 3.6.1 simplex), exactly as the
 * from-scratch solver does, and never overbook or place anyone where they are not eligible.
 */
final class TransportTest {

    @Test
    void improve_randomFeasibleStarts_objectiveEqualsLpOptimum() {
        double worst = 0;
        for (int k = 0; k < 40; k++) {
            int n = 10 + 5 * k;
            Cohort c = Instances.cohort(5000 + k, n, 6, 0.7, k % 3 == 0);
            Map<String, Long> caps = Instances.capacities(70 + k, c);
            Objective obj = k % 4 == 1 ? Objective.inequalityAverse(2) : Objective.uplift();
            int m = c.services().size() + 1;
            double[] value = new double[n * m];
            for (int i = 0; i < n; i++) {
                for (int s = 1; s < m; s++) {
                    double p = c.pWith(i, s - 1);
                    value[i * m + s] = Double.isNaN(p) ? Double.NEGATIVE_INFINITY : obj.gain(p, c.pWithout(i));
                }
            }
            long[] capacity = new long[m];
            Arrays.fill(capacity, Long.MAX_VALUE);
            for (int s = 1; s < m; s++) {
                capacity[s] = caps.getOrDefault(c.services().get(s - 1), Long.MAX_VALUE);
            }
            // a random feasible start: a random option where eligible and a place is free, else no programme
            SplittableRandom rnd = new SplittableRandom(k);
            int[] start = new int[n];
            long[] used = new long[m];
            for (int i = 0; i < n; i++) {
                int s = rnd.nextInt(m);
                if (s > 0 && value[i * m + s] != Double.NEGATIVE_INFINITY && used[s] < capacity[s]) {
                    start[i] = s;
                    used[s]++;
                }
            }
            int[] x = Transport.improve(n, m, value, capacity, start, 1e-12);
            double lp = Instances.lpOptimum(c, caps, obj, List.of());
            double got = Lagrange.objective(value, x, m);
            worst = Math.max(worst, Math.abs(got - lp));
            assertEquals(lp, got, 1e-9, "instance " + k + " (n=" + n + ", " + obj + ")");
            long[] count = new long[m];
            for (int i = 0; i < n; i++) {
                assertTrue(value[i * m + x[i]] != Double.NEGATIVE_INFINITY, "ineligible placement, instance " + k);
                count[x[i]]++;
            }
            for (int s = 1; s < m; s++) {
                assertTrue(count[s] <= capacity[s], "option " + s + " overbooked, instance " + k);
            }
        }
        System.out.printf("warm-started assignment vs LP: 40 instances up to 205 x 7 options, max |difference| %.2e%n",
                worst);
    }
}
