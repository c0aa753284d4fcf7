package org.fairpath.fairness.stats;

import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.Disparity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

final class BootstrapTest {

    private static AuditData twoGroups() {
        // A: 300 cases, 180 selected (0.6); B: 300 cases, 120 selected (0.4)
        String[] g = new String[600];
        boolean[] d = new boolean[600];
        for (int i = 0; i < 600; i++) {
            g[i] = i < 300 ? "A" : "B";
            d[i] = i < 300 ? i < 180 : i < 420;
        }
        return AuditData.builder().group("g", g).decisions(d).build();
    }

    /** Oracle: Newcombe's closed-form interval for 180/300 - 120/300; the bootstrap must land close to it. */
    @Test
    void difference_agreesWithNewcombeOnLargeGroups_andIsSeeded() {
        AuditSettings s = AuditSettings.withDefaults();
        Interval boot = Bootstrap.disparity(twoGroups(), Disparity.DEMOGRAPHIC_PARITY_DIFFERENCE, List.of("g"), s,
                2000, 7);
        Interval closed = Intervals.newcombe(180, 300, 120, 300, 0.95);
        assertEquals(closed.lower(), boot.lower(), 0.015);
        assertEquals(closed.upper(), boot.upper(), 0.015);
        assertEquals(boot, Bootstrap.disparity(twoGroups(), Disparity.DEMOGRAPHIC_PARITY_DIFFERENCE, List.of("g"), s,
                2000, 7));
        assertTrue(boot.contains(0.2));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.disparity(twoGroups(),
                Disparity.DEMOGRAPHIC_PARITY_DIFFERENCE, List.of("g"), s, 10, 7));
    }
}
