package org.fairpath.fairness.stats;

import java.math.BigInteger;

/**
 * An exact sum of non-negative finite doubles, each added a whole number of times, rounded once (to nearest, ties to
 * even) when read. The sum does not depend on the order of the additions, so partial sums merged equal one pass.
 *
 * <p>Fixed point in base 2<sup>32</sup>: limb {@code i} holds the bits of weight 2<sup>32i - 1074</sup>, so every
 * double (a multiple of 2<sup>-1074</sup>) lands on whole limbs; 38 limbs reach 2<sup>142</sup>, far above any sum of
 * at most 2<sup>63</sup> terms below 2<sup>64</sup>. Carries are deferred: an addition of {@code x} {@code count}
 * times adds three 32-bit digits times {@code count} to three limbs, and the limbs are brought back below 2<sup>32</sup>
 * only when the counts added since the last carry pass would reach {@value #LAZY} (so no limb passes 2<sup>63</sup>),
 * and before a read. An addition therefore costs a few integer operations, whatever the count.
 */
final class ExactSum {

    private static final int LIMBS = 38;
    private static final long MASK = 0xFFFF_FFFFL;
    /**
     * Most counts added between two carry passes: a limb below 2^32 plus at most 2^30 digits below 2^32 stays below
     * 2^62.
     */
    static final long LAZY = 1L << 30;

    private final long[] limb = new long[LIMBS];
    /** How much more count may be added before the limbs need a carry pass. */
    private long budget = LAZY;

    /**
     * Adds {@code count} times {@code x}.
     *
     * @throws IllegalArgumentException if {@code x} is negative, NaN, 2^64 or more, or {@code count} is negative
     */
    void add(double x, long count) {
        if (!(x >= 0 && x < 0x1p64) || count < 0) {
            throw new IllegalArgumentException("ExactSum adds x in [0, 2^64) a count >= 0 times; got " + x + " x "
                    + count);
        }
        addChecked(x, count);
    }

    /** {@link #add} for x in [0, 2^124) and count >= 0. */
    private void addChecked(double x, long count) {
        if (x == 0 || count == 0) {
            return;
        }
        if (count >= LAZY) {
            // count = hi * 2^30 + lo; x * 2^30 is exact (a power-of-two scaling of a finite double)
            addChecked(x, count & (LAZY - 1));
            addChecked(x * 0x1p30, count >>> 30);
            return;
        }
        if (count > budget) {
            carry();
        }
        budget -= count;
        long bits = Double.doubleToRawLongBits(x);
        int exp = (int) (bits >>> 52) & 0x7FF;
        long m = bits & ((1L << 52) - 1);
        int pos; // x = m * 2^(pos - 1074)
        if (exp == 0) {
            pos = 0;
        } else {
            m |= 1L << 52;
            pos = exp - 1;
        }
        int idx = pos >>> 5;
        int shift = pos & 31;
        // m << shift has at most 53 + 31 = 84 bits: three 32-bit digits
        long d0 = (m << shift) & MASK;
        long d1 = shift == 0 ? (m >>> 32) & MASK : (m >>> (32 - shift)) & MASK;
        long d2 = shift == 0 ? 0 : m >>> (64 - shift);
        limb[idx] += d0 * count;
        limb[idx + 1] += d1 * count;
        limb[idx + 2] += d2 * count;
    }

    /** Brings every limb below 2^32, carrying upwards. */
    private void carry() {
        long c = 0;
        for (int i = 0; i < LIMBS; i++) {
            long t = limb[i] + c;
            limb[i] = t & MASK;
            c = t >>> 32;
        }
        budget = LAZY;
    }

    /** Adds {@code v} (below 2^63 - 2^32) at limb {@code i} of carried limbs and carries. */
    private void addDigit(int i, long v) {
        if (v == 0) {
            return;
        }
        long t = limb[i] + v;
        limb[i] = t & MASK;
        long carry = t >>> 32;
        while (carry != 0) {
            i++;
            t = limb[i] + carry;
            limb[i] = t & MASK;
            carry = t >>> 32;
        }
    }

    /** Adds every term of {@code other}. */
    void add(ExactSum other) {
        carry();
        other.carry();
        for (int i = 0; i < LIMBS; i++) {
            addDigit(i, other.limb[i]);
        }
    }

    /** The sum rounded to the nearest double (ties to even). */
    double value() {
        return round(bits(), false, -1074);
    }

    /**
     * The sum divided by {@code n}, rounded once to the nearest double (ties to even): the exact mean of the terms,
     * not the rounded sum divided (which can be one unit in the last place off).
     *
     * @throws IllegalArgumentException if {@code n} is below 1
     */
    double mean(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("n is " + n + "; allowed: 1 or more");
        }
        BigInteger v = bits();
        if (v.signum() == 0) {
            return 0.0;
        }
        // v * 2^s / n with at least 56 bits before the point, so that 53 of them and a rounding bit are known exactly
        int s = Math.max(0, 120 - v.bitLength());
        BigInteger[] qr = v.shiftLeft(s).divideAndRemainder(BigInteger.valueOf(n));
        return round(qr[0], qr[1].signum() != 0, -1074 - s);
    }

    /** The carried limbs as one integer, in units of 2^-1074. */
    private BigInteger bits() {
        carry();
        BigInteger v = BigInteger.ZERO;
        for (int i = LIMBS - 1; i >= 0; i--) {
            v = v.shiftLeft(32).or(BigInteger.valueOf(limb[i]));
        }
        return v;
    }

    /**
     * {@code (q + f) * 2^exp} rounded to the nearest double, ties to even, where {@code 0 <= f < 1} is non-zero
     * exactly when {@code sticky}; {@code q} must then have more than 53 bits. Keeps at most 53 bits, and none below
     * 2^-1074, so the result is rounded once even when subnormal.
     */
    private static double round(BigInteger q, boolean sticky, int exp) {
        int len = q.bitLength();
        int drop = Math.max(len - 53, -1074 - exp);
        if (drop <= 0) {
            // q below 2^53 at an exponent of at least -1074: exact
            return Math.scalb((double) q.longValueExact(), exp);
        }
        long kept = q.shiftRight(drop).longValueExact();
        boolean half = q.testBit(drop - 1);
        boolean rest = sticky || q.signum() != 0 && q.getLowestSetBit() < drop - 1;
        if (half && (rest || (kept & 1) == 1)) {
            kept++; // may reach 2^53: still exact as a double
        }
        return Math.scalb((double) kept, exp + drop);
    }
}
