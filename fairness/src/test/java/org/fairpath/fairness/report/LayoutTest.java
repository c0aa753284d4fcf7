package org.fairpath.fairness.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Issue 17: axis ticks at round numbers, reference labels that do not overlap. Expected values by hand. */
final class LayoutTest {

    @Test
    void niceTicks_handComputed() {
        // the odd ticks (0.38, 1.13) came from max / 4 steps; these step by 1, 2, 2.5 or 5 x 10^k
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, Layout.niceTicks(1.0, 4), 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2}, Layout.niceTicks(1.52, 5), 1e-12);
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1, 1.25}, Layout.niceTicks(1.25, 5), 1e-12);
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1}, Layout.niceTicks(0.816, 5), 1e-12);
        assertArrayEquals(new double[] {0, 10, 20, 30, 40}, Layout.niceTicks(37, 5), 1e-12);
        // 0.0123 / 4: 0.001 needs 13 intervals, 0.002 needs 7, 0.0025 needs 5, 0.005 needs 3
        assertArrayEquals(new double[] {0, 0.005, 0.01, 0.015}, Layout.niceTicks(0.0123, 4), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Layout.niceTicks(0, 4));
        assertThrows(IllegalArgumentException.class, () -> Layout.niceTicks(Double.NaN, 4));
        assertThrows(IllegalArgumentException.class, () -> Layout.niceTicks(1, 0));
    }

    /** Brute force: the chosen step is the smallest of all nice steps that covers max in at most n intervals. */
    @Test
    void niceTicks_isTheSmallestNiceStep_bruteForce() {
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < 2000; i++) {
            double max = Math.pow(10, r.nextDouble(-4, 4));
            int n = r.nextInt(1, 9);
            double[] t = Layout.niceTicks(max, n);
            double step = t[1] - t[0];
            double best = Double.POSITIVE_INFINITY;
            for (int k = -8; k <= 8; k++) {
                for (double m : new double[] {1, 2, 2.5, 5}) {
                    double s = m * Math.pow(10, k);
                    if (Math.ceil(max / s - 1e-9) <= n) {
                        best = Math.min(best, s);
                    }
                }
            }
            assertEquals(best, step, best * 1e-9, "max " + max + ", n " + n);
            assertEquals(0, t[0]);
            assertTrue(t[t.length - 1] >= max * (1 - 1e-9) && t.length - 1 <= n, max + " " + n);
            for (int j = 1; j < t.length; j++) {
                assertEquals(step, t[j] - t[j - 1], step * 1e-6, "evenly spaced");
            }
        }
    }

    @Test
    void rows_separateLabelsThatWouldTouch() {
        // "policy 0.80" (11 chars at 10 px: 68.2 px) centred at 224, "parity" (37.2 px) at 280: 258.1 + 8 > 261.4
        double[] widths = {Layout.textWidth("policy 0.80", 10), Layout.textWidth("parity", 10)};
        assertArrayEquals(new int[] {0, 1}, Layout.rows(new double[] {224, 280}, widths, 8));
        // far apart: one row
        assertArrayEquals(new int[] {0, 0}, Layout.rows(new double[] {100, 280}, widths, 8));
        // three in a cluster: the third fits back in the first row once the first has ended
        assertArrayEquals(new int[] {0, 1, 0}, Layout.rows(new double[] {100, 120, 200}, new double[] {40, 40, 40}, 8));
        assertEquals(30, Layout.clampCentre(5, 60, 0, 500), 1e-12);
        assertEquals(470, Layout.clampCentre(499, 60, 0, 500), 1e-12);
    }
}
