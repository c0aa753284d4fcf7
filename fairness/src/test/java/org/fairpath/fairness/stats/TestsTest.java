package org.fairpath.fairness.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class TestsTest {

    /** Oracle: chi-square = 4 by hand (expected 25 in every cell); P(chi2_1 > 4) = erfc(sqrt 2) (Python 3.11 math.erfc). */
    @Test
    void equalProportions_largeCounts_isPearsonChiSquare() {
        assertEquals(0.045500263896358396, Tests.equalProportions(30, 50, 20, 50), 1e-12);
    }

    /**
     * Issue 13: 1 - CDF made these exactly 0. Tables 75/90 vs 15/90 (chi-square 8 t^2 / m = 80 by hand) and 300/400 vs
     * 100/400 (chi-square 200); P(chi2_1 > x) = erfc(sqrt(x / 2)) = 3.7440973842028987636e-19 and
     * 2.088487583762544757e-45 (mpmath 1.3.0, 40 digits).
     */
    @Test
    void equalProportions_farTail_isExactNotZero() {
        assertEquals(3.7440973842028987636e-19, Tests.equalProportions(75, 90, 15, 90), 1e-12 * 3.744e-19);
        assertEquals(2.088487583762544757e-45, Tests.equalProportions(300, 400, 100, 400), 1e-12 * 2.088e-45);
        assertEquals(3.7440973842028987636e-19, Tests.chiSquareSurvival(80, 1), 1e-12 * 3.744e-19);
    }

    /** Oracle: Fisher's tea-tasting table [[3,1],[1,3]], two-sided p = 34/70 = 0.4857 (Fisher 1935). */
    @Test
    void equalProportions_smallCounts_isFishersExactTest() {
        assertEquals(34.0 / 70, Tests.equalProportions(3, 4, 1, 4), 1e-12);
        assertEquals(34.0 / 70, Tests.fisher(3, 4, 1, 4), 1e-12);
    }

    @Test
    void equalProportions_emptyMargins_areUndefined() {
        assertTrue(Double.isNaN(Tests.equalProportions(0, 10, 0, 20)));
        assertTrue(Double.isNaN(Tests.equalProportions(10, 10, 20, 20)));
        assertTrue(Double.isNaN(Tests.equalProportions(1, 1, 0, 0)));
    }

    /** Oracle: by hand; sorted p 0.005, 0.01, 0.03, 0.04 times m/rank = 0.02, 0.02, 0.04, 0.04, then step-up minima. */
    @Test
    void benjaminiHochberg_handComputed_nanIgnored() {
        assertArrayEquals(new double[] {0.02, 0.04, 0.04, 0.02},
                Tests.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-15);
        double[] withNan = Tests.benjaminiHochberg(new double[] {0.01, Double.NaN, 0.04});
        assertEquals(0.02, withNan[0], 1e-15);
        assertTrue(Double.isNaN(withNan[1]));
        assertEquals(0.04, withNan[2], 1e-15);
    }
}
