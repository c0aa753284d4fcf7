package org.fairpath.fairness.input;

/** Strict UTF-8 validation of a byte range, as Java's decoder with errors reported (no overlong forms, no surrogates). */
final class Utf8 {

    private Utf8() {
    }

    /** Whether {@code b[from, to)} is well-formed UTF-8 (RFC 3629, Unicode table 3-7). */
    static boolean valid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                if (c == 0xE0) {
                    lo = 0xA0;
                } else if (c == 0xED) {
                    hi = 0x9F;
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                if (c == 0xF0) {
                    lo = 0x90;
                } else if (c == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                return false;
            }
            if (i + n >= to) {
                return false; // cut off
            }
            int second = b[i + 1] & 0xFF;
            if (second < lo || second > hi) {
                return false;
            }
            for (int j = 2; j <= n; j++) {
                int x = b[i + j] & 0xFF;
                if (x < 0x80 || x > 0xBF) {
                    return false;
                }
            }
            i += n + 1;
        }
        return true;
    }
}
