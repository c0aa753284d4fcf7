package org.fairpath.explain.notice;

/**
 * Escaping for notices and cards: HTML's five special characters become entities, and every character that could
 * hide or reorder text — controls (other than line feed in plain text), bidirectional overrides and isolates, other
 * invisible format characters, line and paragraph separators, unassigned and private-use code points, lone
 * surrogates — is shown as a visible {@code [U+XXXX]}, so a recorded value cannot disguise itself or the text around it.
 */
final class Html {

    private Html() {
    }

    /** {@code s} for HTML text or a double-quoted attribute value. */
    static String escape(String s) {
        return neutralise(s, true);
    }

    /** {@code s} for plain text: special characters neutralised as in {@link #escape}, no entities. */
    static String plain(String s) {
        return neutralise(s, false);
    }

    private static String neutralise(String s, boolean html) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (html && cp == '&') {
                b.append("&amp;");
            } else if (html && cp == '<') {
                b.append("&lt;");
            } else if (html && cp == '>') {
                b.append("&gt;");
            } else if (html && cp == '"') {
                b.append("&quot;");
            } else if (html && cp == '\'') {
                b.append("&#39;");
            } else if (hides(cp)) {
                b.append(String.format(java.util.Locale.ROOT, "[U+%04X]", cp));
            } else {
                b.appendCodePoint(cp);
            }
        }
        return b.toString();
    }

    /** Whether {@code cp} is a character that may hide or reorder text. */
    static boolean hides(int cp) {
        int t = Character.getType(cp);
        return Character.isISOControl(cp) || t == Character.FORMAT || t == Character.LINE_SEPARATOR
                || t == Character.PARAGRAPH_SEPARATOR || t == Character.SURROGATE || t == Character.PRIVATE_USE
                || t == Character.UNASSIGNED;
    }
}
