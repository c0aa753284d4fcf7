package org.fairpath.core.allocation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The capacity-only allocation: exact against the LP optimum (Commons Math 3.6.1 simplex), never overbooked. */
final class AllocatorTest {

    @Test
    void allocate_generatedInstances_objectiveEqualsLpOptimum() {
        int checked = 0;
        double worst = 0;
        for (int k = 0; k < 60; k++) {
            int n = k < 40 ? 5 + 4 * k : 200;
            Cohort c = Instances.cohort(1000 + k, n, 6, 0.7, k % 3 == 0);
            Map<String, Long> caps = Instances.capacities(k, c);
            Objective obj = k % 4 == 1 ? Objective.inequalityAverse(k % 8 == 1 ? 1 : 2.5) : Objective.uplift();
            AllocationResult r = Allocator.allocate(c, new AllocationSettings(caps, obj, List.of()));
            double lp = Instances.lpOptimum(c, caps, obj, List.of());
            worst = Math.max(worst, Math.abs(r.objective() - lp));
            assertEquals(lp, r.objective(), 1e-9, "instance " + k + " (n=" + n + ", " + obj + ")");
            assertEquals(r.objective(), r.bound(), 0.0);
            checked++;
        }
        assertEquals(60, checked);
        System.out.printf("allocation vs LP: 60 instances up to 200 x 7 options, max |difference| %.2e%n", worst);
    }

    @Test
    void allocate_tinyInstances_equalBruteForceOverEveryAssignment() {
        for (int k = 0; k < 40; k++) {
            Cohort c = Instances.cohort(5000 + k, 2 + k % 7, 3, 0.8, k % 2 == 0);
            Map<String, Long> caps = Instances.capacities(k + 99, c);
            AllocationResult r = Allocator.allocate(c, new AllocationSettings(caps, Objective.uplift(), List.of()));
            assertEquals(bruteForce(c, caps), r.objective(), 1e-12, "instance " + k);
        }
    }

    /** The best objective over every assignment (options 0..m) meeting eligibility and capacities. */
    static double bruteForce(Cohort c, Map<String, Long> caps) {
        int n = c.size();
        int m = c.services().size() + 1;
        int[] x = new int[n];
        double best = Double.NEGATIVE_INFINITY;
        long total = (long) Math.pow(m, n);
        for (long code = 0; code < total; code++) {
            long v = code;
            for (int i = 0; i < n; i++) {
                x[i] = (int) (v % m);
                v /= m;
            }
            long[] used = new long[m];
            double f = 0;
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) {
                if (x[i] > 0) {
                    ok = c.eligible(i, x[i] - 1);
                    used[x[i]]++;
                    f += ok ? c.pWith(i, x[i] - 1) - c.pWithout(i) : 0;
                }
            }
            for (int s = 1; s < m && ok; s++) {
                Long cap = caps.get(c.services().get(s - 1));
                ok = cap == null || used[s] <= cap;
            }
            if (ok) {
                best = Math.max(best, f);
            }
        }
        return best;
    }

    @Test
    void allocate_generatedCapacities_neverOverbooksNorPlacesTheIneligible() {
        for (int k = 0; k < 20; k++) {
            Cohort c = Instances.cohort(7000 + k, 5_000, 6, 0.6, k % 2 == 0);
            Map<String, Long> caps = Instances.capacities(k, c);
            AllocationResult r = Allocator.allocate(c, new AllocationSettings(caps, Objective.uplift(), List.of()));
            long[] used = new long[7];
            for (int i = 0; i < c.size(); i++) {
                int o = r.option(i);
                used[o]++;
                if (o > 0) {
                    assertTrue(c.eligible(i, o - 1), "jobseeker " + i + " placed in an ineligible service");
                }
            }
            for (int s = 0; s < 6; s++) {
                Long cap = caps.get(c.services().get(s));
                assertTrue(cap == null || used[s + 1] <= cap, "service " + s + ": " + used[s + 1] + " > " + cap);
                assertEquals(used[s + 1], r.placesUsed().get(c.services().get(s)));
            }
        }
    }

    @Test
    void allocate_shuffledCohortWithTies_sameAllocationPerJobseeker() {
        Cohort c = Instances.cohort(42, 3_000, 6, 0.7, true);
        Map<String, Long> caps = Instances.capacities(3, c);
        AllocationSettings settings = new AllocationSettings(caps, Objective.uplift(), List.of());
        AllocationResult a = Allocator.allocate(c, settings);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new java.util.Random(7));
        Cohort shuffled = permute(c, order);
        AllocationResult b = Allocator.allocate(shuffled, settings);
        for (int k = 0; k < order.size(); k++) {
            assertEquals(a.option(order.get(k)), b.option(k), "jobseeker " + shuffled.ids().get(k));
        }
        assertArrayEquals(a.options(), Allocator.allocate(c, settings).options());
        assertEquals(a.assignmentHash(), Allocator.allocate(c, settings).assignmentHash());
    }

    static Cohort permute(Cohort c, List<Integer> order) {
        int n = c.size();
        int m = c.services().size();
        List<String> ids = new ArrayList<>();
        double[] p0 = new double[n];
        double[][] p = new double[n][m];
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String a : c.groups().keySet()) {
            groups.put(a, new ArrayList<>());
        }
        for (int k = 0; k < n; k++) {
            int i = order.get(k);
            ids.add(c.ids().get(i));
            p0[k] = c.pWithout(i);
            for (int s = 0; s < m; s++) {
                p[k][s] = c.pWith(i, s);
            }
            for (String a : c.groups().keySet()) {
                groups.get(a).add(c.groups().get(a).get(i));
            }
        }
        return Cohort.of(ids, c.services(), p0, p, groups, c.modelVersion());
    }

    @Test
    void allocate_unknownServiceCapacity_namesKnownServices() {
        Cohort c = Instances.cohort(1, 10, 3, 1, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Allocator.allocate(c,
                AllocationSettings.withDefaults().withCapacity("wage_subsidyy", 3)));
        assertEquals("capacity given for unknown service 'wage_subsidyy'; known services: [svc0, svc1, svc2]",
                e.getMessage());
    }

    @Test
    void settings_negativeCapacity_refusedNamingService() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AllocationSettings.withDefaults().withCapacity("wage_subsidy", -1));
        assertEquals("capacity of wage_subsidy is -1; allowed: a whole number of places, 0 or more", e.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> AllocationSettings.parseCapacities("wage_subsidy=800,training=-5"));
        assertEquals("capacity of training is -5; allowed: a whole number of places, 0 or more", p.getMessage());
        assertEquals(Map.of("a", 1L, "b", 0L), AllocationSettings.parseCapacities("a=1,b=0"));
    }

    @Test
    void allocate_handComputedExample_capacityGoesToLargestGain() {
        // three jobseekers, one place in "t": uplifts 0.10, 0.30, 0.20; the place goes to js-b (0.30); total 0.30
        Cohort c = Cohort.of(List.of("js-a", "js-b", "js-c"), List.of("t"), new double[] {0.5, 0.4, 0.3},
                new double[][] {{0.6}, {0.7}, {0.5}}, Map.of(), "v");
        AllocationResult r = Allocator.allocate(c, AllocationSettings.withDefaults().withCapacity("t", 1));
        assertArrayEquals(new int[] {0, 1, 0}, r.options());
        assertEquals(0.3, r.objective(), 1e-15);
        assertEquals(Placement.Reason.CAPACITY, r.reason(0));
        assertEquals(Placement.Reason.UNCONSTRAINED_BEST, r.reason(1));
        // inequality-averse with A = 1 (log): gains log(.6/.5)=0.182, log(.7/.4)=0.560, log(.5/.3)=0.511: still js-b
        AllocationResult la = Allocator.allocate(c, AllocationSettings.withDefaults().withCapacity("t", 1)
                .withObjective(Objective.inequalityAverse(1)));
        assertArrayEquals(new int[] {0, 1, 0}, la.options());
        assertEquals(Math.log(0.7 / 0.4), la.objective(), 1e-12);
        // A = 3: g(p) = (p^-2 - 1)/-2: gains 0.6111, 2.1046, 3.5556: js-c, the lowest chance, gets the place
        AllocationResult a3 = Allocator.allocate(c, AllocationSettings.withDefaults().withCapacity("t", 1)
                .withObjective(Objective.inequalityAverse(3)));
        assertArrayEquals(new int[] {0, 0, 1}, a3.options());
        assertEquals((1 / 0.09 - 1 / 0.25) / 2, a3.objective(), 1e-12);
    }

    @Test
    void cohort_probabilityOutsideZeroOne_refusedNamingJobseekerAndService() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cohort.of(List.of("js-a"),
                List.of("t"), new double[] {0.5}, new double[][] {{1.2}}, Map.of(), "v"));
        assertEquals("cohort: pWith of t for jobseeker 'js-a' is 1.2; allowed: a probability in (0, 1] or NaN for not"
                + " eligible", e.getMessage());
        IllegalArgumentException z = assertThrows(IllegalArgumentException.class, () -> Cohort.of(List.of("js-a"),
                List.of("t"), new double[] {0}, new double[][] {{0.5}}, Map.of(), "v"));
        assertEquals("cohort: pWithout for jobseeker 'js-a' is 0.0; allowed: a probability in (0, 1]", z.getMessage());
    }

    @Test
    void objective_parse_refusesUnknownNamingAllowed() {
        assertEquals(Objective.inequalityAverse(2), Objective.parse("inequality-averse:2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Objective.parse("gain"));
        assertEquals("objective 'gain' is not known; allowed: uplift, inequality-averse:A (A from 0 to 10.0)",
                e.getMessage());
    }
}
