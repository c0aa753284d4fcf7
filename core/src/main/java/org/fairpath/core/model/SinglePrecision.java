package org.fairpath.core.model;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Single-precision {@code expf} evaluated exactly as the C library that XGBoost's native code calls on Linux (glibc
 * 2.28+, the algorithm from ARM's optimized-routines): {@code exp(x) = 2^(k/32) * 2^(r/32)} with a 32-entry table and
 * a cubic polynomial, all in double precision, rounded once to float. {@code (float) Math.exp(x)} is correctly
 * rounded and so differs from glibc's in about 1 case in 5,000, by one unit in the last place; replaying glibc's
 * arithmetic makes compiled tree ensembles return XGBoost's probabilities to the bit.
 */
final class SinglePrecision {

    private static final int N = 32;
    private static final double INV_LN2_N = 0x1.71547652b82fep+0 * N;
    private static final double SHIFT = 0x1.8p+52;
    private static final double C0 = 0x1.c6af84b912394p-5 / N / N / N;
    private static final double C1 = 0x1.ebfce50fac4f3p-3 / N / N;
    private static final double C2 = 0x1.62e42ff0c52d6p-1 / N;
    /** Bits of 2^(i/32), correctly rounded, minus (i << 47), as in glibc's {@code __exp2f_data.tab}. */
    private static final long[] TABLE = table();

    private SinglePrecision() {
    }

    private static long[] table() {
        MathContext mc = new MathContext(60);
        // 2^(1/32) by Newton's method on x^32 = 2, then its powers, each rounded once to double.
        BigDecimal two = BigDecimal.valueOf(2);
        BigDecimal x = new BigDecimal("1.0219");
        for (int it = 0; it < 20; it++) {
            BigDecimal x31 = x.pow(31, mc);
            x = x.subtract(x31.multiply(x, mc).subtract(two, mc).divide(x31.multiply(BigDecimal.valueOf(32), mc), mc),
                    mc);
        }
        long[] t = new long[N];
        for (int i = 0; i < N; i++) {
            t[i] = Double.doubleToRawLongBits(x.pow(i, mc).doubleValue()) - ((long) i << 47);
        }
        return t;
    }

    /** glibc's {@code expf(x)} for {@code x <= 0} (the only inputs a softmax after max-subtraction produces). */
    static float expf(float x) {
        if (x < -103.97208f) {
            return 0f;
        }
        double z = INV_LN2_N * x;
        double kd = z + SHIFT;
        long ki = Double.doubleToRawLongBits(kd);
        kd -= SHIFT;
        double r = z - kd;
        long t = TABLE[(int) (ki & (N - 1))] + (ki << 47);
        double s = Double.longBitsToDouble(t);
        double p = C0 * r + C1;
        double r2 = r * r;
        double y = C2 * r + 1;
        y = p * r2 + y;
        y = y * s;
        return (float) y;
    }
}
