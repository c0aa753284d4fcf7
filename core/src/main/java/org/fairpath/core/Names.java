package org.fairpath.core;

import java.util.Collection;

/**
 * Helps error messages point at the name the caller probably meant: the one edit distance that fairpath's modules use
 * for "did you mean" hints (library messages, the command line).
 */
public final class Names {

    private Names() {
    }

    /**
     * "unknown X 'agee'; known: [age, ...]" with ", did you mean 'age'?" when one known name is within two edits
     * (or equal ignoring case).
     */
    static String unknown(String what, String name, Collection<String> known) {
        StringBuilder sb = new StringBuilder("unknown ").append(what).append(" '").append(name).append("'");
        String near = nearest(name, known);
        if (near != null) {
            sb.append(" (did you mean '").append(near).append("'?)");
        }
        return sb.append("; known: ").append(known).toString();
    }

    /** The known name equal to {@code name} but for case, else the nearest within two edits, else null. */
    public static String nearest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            if (k.equalsIgnoreCase(name)) {
                return k;
            }
            int d = distance(name, k, bestDistance);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    /**
     * The edit distance between {@code a} and {@code b} counting an insertion, a deletion, a substitution or a swap
     * of two neighbouring characters as one edit ("dmeo" is one edit from "demo"; optimal string alignment), or
     * {@code limit} when it is at least {@code limit}.
     */
    public static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) {
            return limit;
        }
        int[] before = new int[b.length() + 1];
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, before[j - 2] + 1);
                }
                cur[j] = d;
            }
            int[] t = before;
            before = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[b.length()], limit);
    }
}
