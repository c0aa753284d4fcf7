package org.fairpath.explain.notice;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * The canonical JSON of an explanation payload: members in the order given, no spaces, strings with every character
 * outside printable ASCII written as a {@code \\uXXXX} escape (so the bytes do not depend on any charset), numbers
 * written from their exact binary value (so they do not depend on the JDK's {@code Double.toString}).
 */
final class Canonical {

    private Canonical() {
    }

    /** {@code d} rounded to 6 decimals (exactly, from its binary value), or NaN for NaN. */
    static double round6(double d) {
        if (Double.isNaN(d)) {
            return d;
        }
        if (Double.isInfinite(d)) {
            throw new IllegalArgumentException("an explanation number is " + d + "; only finite numbers (or none)");
        }
        return new BigDecimal(d).setScale(6, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** A number as the payload writes it: 6 decimals without trailing zeros, or {@code null} for NaN. */
    static String number(double d) {
        if (Double.isNaN(d)) {
            return "null";
        }
        BigDecimal b = new BigDecimal(d).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return b.signum() == 0 ? "0" : b.toPlainString();
    }

    /** A recorded value as text: integral numbers without decimals, others to 15 significant digits. */
    static String value(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return new BigDecimal(d).round(new MathContext(15, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                    .toPlainString();
        }
        return v.toString();
    }

    static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (v instanceof Integer || v instanceof Long) {
            sb.append(v);
        } else if (v instanceof Double d) {
            sb.append(number(d));
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, (String) e.getKey());
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(sb, l.get(i));
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("canonical JSON cannot hold a " + v.getClass().getName());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        sb.append('"');
    }
}
