package org.fairpath.fairness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ExactSumTest {

    /** Oracle: BigDecimal's exact sum, rounded once by BigDecimal.doubleValue (correctly rounded). */
    @Test
    void randomTerms_equalBigDecimalRoundedOnce() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            ExactSum sum = new ExactSum();
            BigDecimal exact = BigDecimal.ZERO;
            int terms = 1 + r.nextInt(50);
            for (int t = 0; t < terms; t++) {
                double x = switch (r.nextInt(5)) {
                    case 0 -> r.nextDouble();
                    case 1 -> r.nextDouble() * r.nextDouble() * 1e-300; // tiny, some subnormal
                    case 2 -> Double.MIN_VALUE * r.nextInt(1000);
                    case 3 -> Math.round(r.nextDouble() * 1e4) / 1e4;
                    default -> r.nextDouble() * 1e6;
                };
                long count = switch (r.nextInt(3)) {
                    case 0 -> 1;
                    case 1 -> r.nextLong(1L << 31);
                    default -> r.nextLong(1L << 45); // above 2^31: split into two additions
                };
                sum.add(x, count);
                exact = exact.add(new BigDecimal(x).multiply(BigDecimal.valueOf(count)));
            }
            assertEquals(exact.doubleValue(), sum.value(), 0.0, "trial " + trial);
        }
    }

    /**
     * Oracle: BigDecimal's exact sum divided by n to 1,200 digits (enough to hold any quotient that lies exactly
     * between two doubles, and far closer than any other quotient comes to one), parsed by Double.parseDouble
     * (correctly rounded).
     */
    @Test
    void mean_equalsTheExactQuotientRoundedOnce() {
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 3_000; trial++) {
            ExactSum sum = new ExactSum();
            BigDecimal exact = BigDecimal.ZERO;
            int terms = 1 + r.nextInt(20);
            long cases = 0;
            for (int t = 0; t < terms; t++) {
                double x = switch (r.nextInt(4)) {
                    case 0 -> r.nextDouble();
                    case 1 -> Double.MIN_VALUE * r.nextInt(1000); // subnormal means
                    case 2 -> Math.round(r.nextDouble() * 100) / 100.0;
                    default -> r.nextDouble() * r.nextDouble() * 1e-300;
                };
                long count = 1 + r.nextInt(r.nextBoolean() ? 3 : 1_000_000);
                cases += count;
                sum.add(x, count);
                exact = exact.add(new BigDecimal(x).multiply(BigDecimal.valueOf(count)));
            }
            long n = r.nextInt(4) == 0 ? 1 + r.nextLong(1L << 40) : cases;
            double expected = Double.parseDouble(exact.divide(BigDecimal.valueOf(n), new MathContext(1_200))
                    .toString());
            assertEquals(expected, sum.mean(n), 0.0, "trial " + trial);
        }
    }

    /**
     * Oracle: by hand. The mean of seven cases scored 0.17 is that double itself; halfway cases round to even, also
     * below 2^-1022.
     */
    @Test
    void meanOfEqualTerms_isTheTerm_andTiesRoundToEven() {
        ExactSum s = new ExactSum();
        s.add(0.17, 7);
        assertEquals(0.17, s.mean(7), 0.0);
        ExactSum tiny = new ExactSum();
        tiny.add(Double.MIN_VALUE, 1);
        assertEquals(0.0, tiny.mean(2), 0.0); // half of the smallest subnormal: a tie, to even (0)
        tiny.add(Double.MIN_VALUE, 2);
        assertEquals(2 * Double.MIN_VALUE, tiny.mean(2), 0.0); // 1.5 units: a tie, to even (2)
        assertEquals(0.0, new ExactSum().mean(3), 0.0);
        // (3 + 3 * 2^-53 + 2^-1074) / 3 = 1 + 2^-53 + 2^-1074 / 3: just above halfway between 1 and 1 + 2^-52, so up,
        // although the integer quotient alone (the remainder dropped) would be an exact tie and round to even (1)
        ExactSum above = new ExactSum();
        above.add(3.0, 1);
        above.add(0x3p-53, 1);
        above.add(Double.MIN_VALUE, 1);
        assertEquals(1 + 0x1p-52, above.mean(3), 0.0);
        assertThrows(IllegalArgumentException.class, () -> s.mean(0));
    }

    /** Oracle: by hand. 0.1 added ten times in floating point gives 0.9999999999999999; exactly it rounds to 1.0. */
    @Test
    void tenTimesPointOne_roundsOnce() {
        ExactSum s = new ExactSum();
        for (int i = 0; i < 10; i++) {
            s.add(0.1, 1);
        }
        assertEquals(1.0, s.value(), 0.0);
        // a tie between two doubles rounds to even: 2^53 + 1 lies halfway between 2^53 and 2^53 + 2
        ExactSum t = new ExactSum();
        t.add(0x1p53, 1);
        t.add(1, 1);
        assertEquals(0x1p53, t.value(), 0.0);
        t.add(2, 1); // 2^53 + 3: halfway between 2^53 + 2 and 2^53 + 4 -> 2^53 + 4 (even)
        assertEquals(0x1p53 + 4, t.value(), 0.0);
    }

    @Test
    void mergedPartialSums_equalOnePass() {
        SplittableRandom r = new SplittableRandom(3);
        ExactSum all = new ExactSum();
        ExactSum a = new ExactSum();
        ExactSum b = new ExactSum();
        for (int i = 0; i < 10_000; i++) {
            double x = r.nextDouble();
            all.add(x, 3);
            (r.nextBoolean() ? a : b).add(x, 3);
        }
        a.add(b);
        assertEquals(all.value(), a.value(), 0.0);
    }

    /**
     * Deferred carries: terms whose 32-bit digits are all near 2^32 (a mantissa of ones), with counts that pass the
     * budget of {@link ExactSum#LAZY} between two carry passes many times over, and counts of 1 by the million.
     * Oracle: BigDecimal.
     */
    @Test
    void manyLargeDigitTerms_carriesBeforeALimbOverflows() {
        double ones = Math.nextDown(1.0); // 1 - 2^-53: 53 one bits
        ExactSum sum = new ExactSum();
        BigDecimal exact = BigDecimal.ZERO;
        for (int i = 0; i < 40; i++) {
            double x = Math.scalb(ones, -(i % 7)); // other shifts put the ones across other limb boundaries
            long count = (1L << 29) + i;
            sum.add(x, count);
            exact = exact.add(new BigDecimal(x).multiply(BigDecimal.valueOf(count)));
        }
        for (int i = 0; i < 3_000_000; i++) {
            sum.add(ones, 1);
        }
        exact = exact.add(new BigDecimal(ones).multiply(BigDecimal.valueOf(3_000_000)));
        assertEquals(exact.doubleValue(), sum.value(), 0.0);
        ExactSum other = new ExactSum();
        other.add(ones, (1L << 30) - 1);
        other.add(ones, (1L << 30) - 1);
        sum.add(other);
        exact = exact.add(new BigDecimal(ones).multiply(BigDecimal.valueOf(2 * ((1L << 30) - 1))));
        assertEquals(exact.doubleValue(), sum.value(), 0.0);
    }

    @Test
    void negativeNanOrHugeTerm_isRefused() {
        ExactSum s = new ExactSum();
        assertThrows(IllegalArgumentException.class, () -> s.add(-1e-9, 1));
        assertThrows(IllegalArgumentException.class, () -> s.add(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> s.add(0x1p64, 1));
        assertThrows(IllegalArgumentException.class, () -> s.add(0.5, -1));
    }
}
