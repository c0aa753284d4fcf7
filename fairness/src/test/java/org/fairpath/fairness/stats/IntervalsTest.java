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

    /** Oracle: by hand, ln(0.5 / 0.25) +- 1.959964 * sqrt(1/10 - 1/20 + 1/5 - 1/20). */
    @Test
    void katz_handComputed_andUndefinedWithoutSuccesses() {
        double se = Math.sqrt(1.0 / 10 - 1.0 / 20 + 1.0 / 5 - 1.0 / 20);
        Interval i = Intervals.katz(10, 20, 5, 20, 0.95);
        assertEquals(2 * Math.exp(-1.959963984540054 * se), i.lower(), 1e-9);
        assertEquals(2 * Math.exp(1.959963984540054 * se), i.upper(), 1e-9);
        assertFalse(Intervals.katz(0, 20, 5, 20, 0.95).isDefined());
    }

    @Test
    void z_matchesStandardNormalQuantiles() {
        // Oracle: standard normal table, e.g. Abramowitz & Stegun 26.2; qnorm(0.975) = 1.959963984540054 in R 4.x.
        assertEquals(1.959963984540054, Intervals.z(0.95), 1e-9);
        assertEquals(1.6448536269514722, Intervals.z(0.90), 1e-9);
        assertEquals(2.5758293035489004, Intervals.z(0.99), 1e-9);
    }
}
