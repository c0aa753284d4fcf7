package org.fairpath.core.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Group-constrained allocation: the reported bound equals the LP optimum with the constraint rows written from their
 * definition (Commons Math 3.6.1 simplex), the whole-place objective stays under it, and every constraint is
 * rechecked here by counting, independently of the allocator's own accounting.
 */
final class GroupConstraintTest {

    @Test
    void shareConstraint_generatedInstances_boundEqualsLpAndSharesHold() {
        double worstGap = 0;
        int met = 0;
        for (int k = 0; k < 30; k++) {
            int n = 20 + 6 * k;
            Cohort c = Instances.cohort(300 + k, n, 4, 0.7, k % 3 == 0);
            Map<String, Long> caps = Instances.capacities(k + 5, c);
            int service = k % 4;
            double d = new double[] {0.0, 0.02, 0.05, 0.1}[k % 4];
            String attribute = k % 5 == 0 ? "h" : "g";
            AllocationSettings settings = new AllocationSettings(caps, Objective.uplift(),
                    List.of(new GroupConstraint.ServiceShare(attribute, "svc" + service, d)));
            AllocationResult r = Allocator.allocate(c, settings);
            double lp = Instances.lpOptimum(c, caps, Objective.uplift(), Instances.shareRows(c, attribute, service, d));
            assertTrue(r.converged(), "instance " + k + " did not converge in " + r.iterations());
            assertEquals(lp, r.bound(), 1e-9, "instance " + k);
            assertTrue(r.objective() <= r.capacityObjective() + 1e-9);
            List<String> broken = brokenShares(c, r, attribute, service, d);
            if (broken.isEmpty()) {
                assertTrue(r.objective() <= lp + 1e-9, "whole places above the LP optimum, instance " + k);
                met++;
            }
            assertEquals(broken.size(), r.violations().size(), "instance " + k + ": " + broken + " vs "
                    + r.violations());
            for (AllocationResult.Violation v : r.violations()) {
                assertTrue(v.excess() < 1, "instance " + k + ": whole places miss a share by a place or more: " + v);
            }
            worstGap = broken.isEmpty() ? Math.max(worstGap, r.gap()) : worstGap;
        }
        assertTrue(met >= 15, "only " + met + " of 30 share instances met by whole places");
        System.out.printf("share constraints: 30 instances, LP bound exact to 1e-9, %d met by whole places, largest"
                + " gap of those to the LP bound %.4f%n", met, worstGap);
    }

    /** Share rows missed by the allocation, recounted from the definition. */
    static List<String> brokenShares(Cohort c, AllocationResult r, String attribute, int service, double d) {
        Map<String, long[]> counts = new TreeMap<>(); // eligible, placed
        long eligible = 0;
        long placed = 0;
        for (int i = 0; i < c.size(); i++) {
            long[] k = counts.computeIfAbsent(c.groups().get(attribute).get(i), x -> new long[2]);
            if (c.eligible(i, service)) {
                k[0]++;
                eligible++;
            }
            if (r.option(i) == service + 1) {
                k[1]++;
                placed++;
            }
        }
        List<String> broken = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            double share = (double) e.getValue()[0] / eligible;
            long x = e.getValue()[1];
            if (share + d < 1 && x - (share + d) * placed > 1e-9) {
                broken.add(e.getKey() + " too many");
            }
            if (share - d > 0 && (share - d) * placed - x > 1e-9) {
                broken.add(e.getKey() + " too few");
            }
        }
        return broken;
    }

    @Test
    void gapConstraint_generatedInstances_boundEqualsLpAndGapHoldsOrIsReported() {
        int met = 0;
        for (int k = 0; k < 20; k++) {
            int n = 30 + 4 * k;
            Cohort c = Instances.cohort(600 + k, n, 4, 0.8, false);
            Map<String, Long> caps = Instances.capacities(k + 11, c);
            String attribute = k % 2 == 0 ? "g" : "h";
            double gamma = gapWithoutConstraint(c, caps, attribute) * 0.6;
            AllocationSettings settings = new AllocationSettings(caps, Objective.uplift(),
                    List.of(new GroupConstraint.EmploymentGap(attribute, gamma)));
            AllocationResult r;
            try {
                r = Allocator.allocate(c, settings);
            } catch (IllegalArgumentException unreachable) {
                continue;
            }
            double lp = Instances.lpOptimum(c, caps, Objective.uplift(), Instances.gapRows(c, attribute, gamma));
            assertTrue(r.converged(), "instance " + k);
            assertEquals(lp, r.bound(), 1e-9, "instance " + k);
            double gap = largestGap(c, r, attribute);
            if (r.violations().isEmpty()) {
                assertTrue(gap <= gamma + 1e-9, "instance " + k + ": gap " + gap + " > " + gamma);
                assertTrue(r.objective() <= lp + 1e-9);
                met++;
            } else {
                assertTrue(gap > gamma, "violation reported but the gap " + gap + " is within " + gamma);
            }
        }
        assertTrue(met >= 10, "only " + met + " of 20 gap instances met by whole places");
        System.out.printf("gap constraints: 20 instances, LP bound exact to 1e-9, %d met by whole places%n", met);
    }

    static double gapWithoutConstraint(Cohort c, Map<String, Long> caps, String attribute) {
        AllocationResult r = Allocator.allocate(c, new AllocationSettings(caps, Objective.uplift(), List.of()));
        return largestGap(c, r, attribute);
    }

    /** Max - min over groups of the mean expected employment under the allocation, recomputed here. */
    static double largestGap(Cohort c, AllocationResult r, String attribute) {
        Map<String, double[]> m = new TreeMap<>();
        for (int i = 0; i < c.size(); i++) {
            double[] s = m.computeIfAbsent(c.groups().get(attribute).get(i), x -> new double[2]);
            int o = r.option(i);
            s[0]++;
            s[1] += o == 0 ? c.pWithout(i) : c.pWith(i, o - 1);
        }
        double lo = 1;
        double hi = 0;
        for (double[] s : m.values()) {
            lo = Math.min(lo, s[1] / s[0]);
            hi = Math.max(hi, s[1] / s[0]);
        }
        return hi - lo;
    }

    @Test
    void gapConstraint_unreachable_refusedNamingGroupsAndFullServices() {
        // group "a" starts 40 points above "b"; one place in "t" gives "b" at most +10 points on average
        Cohort c = Cohort.of(List.of("j1", "j2", "j3", "j4"), List.of("t"), new double[] {0.8, 0.8, 0.4, 0.4},
                new double[][] {{0.9}, {0.9}, {0.6}, {0.6}}, Map.of("grp", List.of("a", "a", "b", "b")), "v");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Allocator.allocate(c,
                AllocationSettings.withDefaults().withCapacity("t", 1)
                        .withConstraint(new GroupConstraint.EmploymentGap("grp", 0.05))));
        assertEquals("constraint gap:grp:0.05 cannot be met: the expected employment rate of grp=a stays at least"
                + " 30.00 points above grp=b under any allocation within these capacities; full services: t (1"
                + " places); allow a gap of at least 0.3000 or add places in those services", e.getMessage());
    }

    @Test
    void constraint_unknownAttributeOrService_refusedNamingKnown() {
        Cohort c = Instances.cohort(1, 10, 2, 1, false);
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> Allocator.allocate(c,
                AllocationSettings.withDefaults().withConstraint(new GroupConstraint.EmploymentGap("gender", 0.1))));
        assertEquals("constraint gap:gender:0.1: attribute 'gender' has no groups in the cohort; known grouping"
                + " attributes: [g, h]", a.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> Allocator.allocate(c,
                AllocationSettings.withDefaults().withConstraint(new GroupConstraint.ServiceShare("g", "svc9", 0.1))));
        assertEquals("constraint share:g:svc9:0.1: unknown service 'svc9'; known services: [svc0, svc1]",
                s.getMessage());
        assertEquals(new GroupConstraint.ServiceShare("gender", "wage_subsidy", 0.05),
                GroupConstraint.parse("share:gender:wage_subsidy:0.05"));
        assertThrows(IllegalArgumentException.class, () -> GroupConstraint.parse("share:gender:0.05"));
    }
}
