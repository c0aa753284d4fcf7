package org.fairpath.core;

import java.util.Collection;

/** Helps error messages point at the name the caller probably meant. */
final class Names {

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

    static String nearest(String name, Collection<String> known) {
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

    /** Levenshtein distance, or {@code limit} when it is at least {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) {
            return limit;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[b.length()], limit);
    }
}
