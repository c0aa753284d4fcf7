package org.fairpath.fairness.input;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line: comma-separated, fields optionally in double quotes with "" for a quote (RFC 4180). */
final class Csv {

    private Csv() {
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"' && f.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field in line: " + line);
        }
        out.add(f.toString());
        return out;
    }
}
