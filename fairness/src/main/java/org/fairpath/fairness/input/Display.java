package org.fairpath.fairness.input;

import java.util.Locale;

/**
 * Safe display of text that came from the data (group labels, values): control characters (an escape sequence could
 * clear a terminal), bidirectional controls (U+202E could reverse a sentence) and other invisible format characters
 * are shown as {@code \\uXXXX} (a backslash, u and four hex digits), and long labels are cut with an ellipsis so
 * they cannot push numbers off-screen. The
 * full text stays in the JSON report and, in HTML, in a {@code title} attribute.
 */
public final class Display {

    /** The default longest label shown in sentences and tables, in code points. */
    public static final int MAX_LABEL = 40;

    private Display() {
    }

    /** {@code s} with every control, format or non-space separator character shown as {@code \\uXXXX}. */
    public static String safe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (unsafe(c)) {
                b.append(String.format(Locale.ROOT, "\\u%04X", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /**
     * {@link #safe}, then escaped for HTML text and attribute values ({@code & < > " '}); {@code null} gives empty text.
     * The escaper of the audit and prospective reports' HTML pages.
     */
    public static String html(String s) {
        if (s == null) {
            return "";
        }
        String safe = safe(s);
        StringBuilder b = new StringBuilder(safe.length());
        for (char c : safe.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * {@link #safe} and cut to {@code max} code points; when cut, an ellipsis and {@code #} with 8 hex digits of the
     * full text's SHA-256 follow, so two labels cut to the same beginning stay apart (unless their 32-bit
     * fingerprints collide: about one chance in four billion for a pair).
     */
    public static String label(String s, int max) {
        String safe = safe(s);
        if (safe.codePointCount(0, safe.length()) <= max) {
            return safe;
        }
        return safe.substring(0, safe.offsetByCodePoints(0, max)) + "\u2026#" + fingerprint(s);
    }

    /** The first 8 hex digits of the SHA-256 of {@code s} (UTF-8). */
    static String fingerprint(String s) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Whether {@link #label} would show {@code s} other than as it is. */
    public static boolean altered(String s, int max) {
        return !label(s, max).equals(s);
    }

    /**
     * Whether {@code c} shows nothing by itself: a control (Cc) or format (Cf) character (zero-width space, bidi
     * controls, tags such as U+E0001, U+1D173 ...), a variation selector (U+FE00-FE0F, U+E0100-E01EF, Mongolian
     * U+180B-180F), the combining grapheme joiner U+034F, or a Hangul filler (U+115F, U+1160, U+3164, U+FFA0).
     */
    static boolean invisible(int c) {
        int t = Character.getType(c);
        return t == Character.CONTROL || t == Character.FORMAT || (c >= 0xFE00 && c <= 0xFE0F)
                || (c >= 0xE0100 && c <= 0xE01EF) || (c >= 0x180B && c <= 0x180F) || c == 0x034F
                || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0;
    }

    private static boolean unsafe(int c) {
        int t = Character.getType(c);
        return invisible(c) || Character.isISOControl(c) || t == Character.FORMAT || t == Character.LINE_SEPARATOR
                || t == Character.PARAGRAPH_SEPARATOR || t == Character.SURROGATE || t == Character.PRIVATE_USE
                || t == Character.UNASSIGNED || (t == Character.SPACE_SEPARATOR && c != ' ');
    }
}
