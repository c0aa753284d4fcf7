package org.fairpath.fairness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class IntervalsTest {

    /**
     * Oracle: Newcombe, R.G. (1998) "Two-sided confidence intervals for the single proportion: comparison of seven
     * methods", Statistics in Medicine 17:857-872, Table I, method 3 (score, no continuity correction), 95%, four
     * decimals. Recomputed independently with Python 3.11 from the closed form; both agree.
     */
    @Test
    void wilson_newcombeTableI_matchesToFourDecimals() {
        assertInterval(0.2553, 0.3662, Intervals.wilson(81, 263, 0.95));
        assertInterval(0.0624, 0.1605, Intervals.wilson(15, 148, 0.95));
        assertInterval(0.0000, 0.1611, Intervals.wilson(0, 20, 0.95));
        assertInterval(0.0061, 0.1718, Intervals.wilson(1, 29, 0.95));
    }

    private static void assertInterval(double lower, double upper, Interval actual) {
        assertEquals(lower, actual.lower(), 5e-5);
        assertEquals(upper, actual.upper(), 5e-5);
    }

    @Test
    void wilson_isSymmetricUnderSwappingSuccessAndFailure() {
        Interval a = Intervals.wilson(7, 31, 0.9);
        Interval b = Intervals.wilson(24, 31, 0.9);
        assertEquals(a.lower(), 1 - b.upper(), 1e-15);
        assertEquals(a.upper(), 1 - b.lower(), 1e-15);
        assertEquals(1.0, Intervals.wilson(31, 31, 0.9).upper());
    }

    @Test
    void wilson_emptyGroup_isUndefinedNotZero() {
        Interval i = Intervals.wilson(0, 0, 0.95);
        assertFalse(i.isDefined());
        assertTrue(Double.isNaN(i.lower()));
        assertFalse(i.contains(0.0));
    }

    @Test
    void wilson_badArguments_sayWhatIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Intervals.wilson(5, 3, 0.95));
        assertEquals("successes (5) and n (3) must satisfy 0 <= successes <= n", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Intervals.wilson(1, 3, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Intervals.wilson(-1, 3, 0.95));
    }

    /**
     * Oracle: Newcombe, R.G. (1998) "Interval estimation for the difference between independent proportions:
     * comparison of eleven methods", Statistics in Medicine 17:873-890, Table II, method 10 (hybrid score), 95%,
     * examples (a) to (f); recomputed independently with Python 3.11 from the closed form; both agree.
     */
    @Test
    void newcombe_tableII_matchesToFourDecimals() {
        assertInterval(0.0524, 0.3339, Intervals.newcombe(56, 70, 48, 80, 0.95));
        assertInterval(0.1705, 0.8090, Intervals.newcombe(9, 10, 3, 10, 0.95));
        assertInterval(0.0582, 0.8062, Intervals.newcombe(6, 7, 2, 7, 0.95));
        assertInterval(-0.0381, 0.1926, Intervals.newcombe(5, 56, 0, 29, 0.95));
        assertInterval(-0.1611, 0.2775, Intervals.newcombe(0, 10, 0, 20, 0.95));
        assertInterval(0.6791, 1.0000, Intervals.newcombe(10, 10, 0, 20, 0.95));
        assertFalse(Intervals.newcombe(1, 2, 0, 0, 0.95).isDefined());
    }

    /**
     * Oracle: Koopman's original Pearson-form statistic, sum over both groups of (x - n q)^2 / (n q (1 - q)) with the
     * restricted maximum-likelihood q, solved by bisection in mpmath 1.3.0 at 40 digits (a different formula and
     * another program than the score form under test). The 20-of-20 vs 40-of-46 case was Katz [1.07, 1.10] before:
     * a group selected at 100% whose own rate interval reaches 83.9%.
     */
    @Test
    void koopman_matchesPearsonFormOracle() {
        assertBounds(0.87767548243022216, 4.8704353332942538, Intervals.koopman(10, 20, 5, 20, 0.95));
        assertBounds(1.2208528535148119, 42.575717609760383, Intervals.koopman(7, 34, 1, 34, 0.95));
        assertBounds(0.95769205534004891, 1.3452768406581194, Intervals.koopman(20, 20, 40, 46, 0.95));
    }

    /** Issue 13: 0 of 1,000 vs 500 of 1,000 had no (Katz) interval; Koopman's is [0, 0.00765] (same oracle). */
    @Test
    void koopman_zeroSuccesses_staysDefinedAndBounded() {
        Interval none = Intervals.koopman(0, 1000, 500, 1000, 0.95);
        assertEquals(0.0, none.lower());
        assertEquals(0.0076536294803683866, none.upper(), 1e-12);
        Interval inf = Intervals.koopman(500, 1000, 0, 1000, 0.95);
        assertEquals(Double.POSITIVE_INFINITY, inf.upper());
        assertEquals(1 / 0.0076536294803683866, inf.lower(), 1e-6);
        Interval both = Intervals.koopman(0, 10, 0, 20, 0.95);
        assertEquals(0.0, both.lower());
        assertEquals(Double.POSITIVE_INFINITY, both.upper());
        assertFalse(Intervals.koopman(1, 2, 0, 0, 0.95).isDefined());
    }

    /** The score interval and Pearson's chi-square agree: 1 is inside exactly when p >= 0.05 (brute force, all tables). */
    @Test
    void koopman_agreesWithPearsonChiSquare_onEverySmallTable() {
        int checked = 0;
        for (int n1 = 5; n1 <= 25; n1 += 5) {
            for (int n2 = 5; n2 <= 25; n2 += 10) {
                for (int x1 = 1; x1 < n1; x1++) {
                    for (int x2 = 1; x2 < n2; x2++) {
                        double chi2 = chiSquare(x1, n1, x2, n2);
                        if (Math.abs(chi2 - 3.841458820694124) < 1e-6) {
                            continue; // on the boundary itself
                        }
                        assertEquals(chi2 < 3.841458820694124, Intervals.koopman(x1, n1, x2, n2, 0.95).contains(1),
                                x1 + "/" + n1 + " vs " + x2 + "/" + n2);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 1000);
    }

    private static double chiSquare(long a, long n1, long c, long n2) {
        double n = n1 + n2;
        double b = n1 - a;
        double d = n2 - c;
        return n * Math.pow(a * d - b * c, 2) / ((double) n1 * n2 * (a + c) * (b + d));
    }

    private static void assertBounds(double lower, double upper, Interval i) {
        assertEquals(lower, i.lower(), 1e-9 * lower);
        assertEquals(upper, i.upper(), 1e-9 * upper);
    }

    @Test
    void z_matchesStandardNormalQuantiles() {
        // Oracle: standard normal table, e.g. Abramowitz & Stegun 26.2; qnorm(0.975) = 1.959963984540054 in R 4.x.
        assertEquals(1.959963984540054, Intervals.z(0.95), 1e-9);
        assertEquals(1.6448536269514722, Intervals.z(0.90), 1e-9);
        assertEquals(2.5758293035489004, Intervals.z(0.99), 1e-9);
    }
}
