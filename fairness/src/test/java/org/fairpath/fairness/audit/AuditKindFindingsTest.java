package org.fairpath.fairness.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fairpath.fairness.metrics.AuditSettings;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: findings cover every audit kind. Allocation: group A 60 of 100 in x, B (the larger, so the reference) 100
 * of 200. Oracle: Newcombe's interval (method 10) from Wilson bounds, computed in mpmath 1.3.0 at 30 digits at the
 * simultaneous level 1 - 0.05 / (1 pair x 2 categories) = 0.975.
 */
final class AuditKindFindingsTest {

    private static Allocation allocation(int aInX) {
        List<String> g = new ArrayList<>();
        List<String> c = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            g.add("A");
            c.add(i < aInX ? "x" : "y");
        }
        for (int i = 0; i < 200; i++) {
            g.add("B");
            c.add(i < 100 ? "x" : "y");
        }
        return Allocation.of("g", g.toArray(new String[0]), c.toArray(new String[0]), AuditSettings.withDefaults());
    }

    @Test
    void allocation_shareDifferences_withSimultaneousIntervals() {
        List<Finding> f = allocation(60).findings(AuditPolicy.withDefaults(), AuditSettings.withDefaults());
        assertEquals(1, f.size());
        Finding a = f.get(0);
        assertEquals("service_share_difference", a.check());
        assertEquals(List.of("A"), a.group());
        assertEquals(List.of("B"), a.against());
        assertEquals(0.1, a.value(), 1e-12);
        assertEquals(0.975, a.interval().confidence(), 1e-15);
        // the finding's interval is for the largest absolute gap over the categories: the x gap's Newcombe interval
        // is -0.0367 to 0.2289 (mpmath) and y's its mirror image, so the largest gap may be 0 and at most 0.2289
        assertEquals(0.0, a.interval().lower(), 0.0);
        assertEquals(0.22894256303579492, a.interval().upper(), 1e-9);
        assertEquals(Finding.Level.WARN, a.level(), a.sentence());
        Finding clear = allocation(90).findings(AuditPolicy.withDefaults(), AuditSettings.withDefaults()).get(0);
        assertEquals(0.2826161482661587, clear.interval().lower(), 1e-9);
        assertEquals(0.49245475702028009, clear.interval().upper(), 1e-9);
        assertEquals(Finding.Level.FAIL, clear.level(), clear.sentence());
        assertTrue(clear.sentence().contains("the largest gap being in its 'x' share"), clear.sentence());
        // a looser policy turns the same data into a PASS only when the whole interval fits
        Finding loose = allocation(60).findings(AuditPolicy.withDefaults().withThreshold("service-share-gap", 0.3),
                AuditSettings.withDefaults()).get(0);
        assertEquals(Finding.Level.PASS, loose.level(), loose.sentence());
    }
}
