package org.fairpath.fairness.input;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records (RFC 4180): comma-separated, fields optionally in double quotes with {@code ""} for a quote, quoted
 * fields may hold commas and line breaks, lines end in LF or CRLF. A byte-order mark at the start is dropped. Every
 * error names the file, the line and the column where it happened.
 */
final class Csv {

    private final Reader in;
    private final String file;
    private int line = 1;
    private int column = 0;
    private int pushed = -2;
    private int recordLine;
    private boolean first = true;

    Csv(Reader in, String file) {
        this.in = in;
        this.file = file;
    }

    /** The line on which the last record returned by {@link #next()} started. */
    int recordLine() {
        return recordLine;
    }

    private int read() throws IOException {
        int c;
        if (pushed != -2) {
            c = pushed;
            pushed = -2;
        } else {
            c = in.read();
        }
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                return read();
            }
        }
        if (c == '\n') {
            line++;
            column = 0;
        } else if (c != -1) {
            column++;
        }
        return c;
    }

    private void unread(int c) {
        pushed = c;
        if (c == '\n') {
            line--;
        } else if (c != -1) {
            column--;
        }
    }

    /**
     * The next record's fields, or null at the end of the input. Blank lines are skipped.
     *
     * @throws IllegalArgumentException naming file, line and column for an unterminated quoted field, a quote inside
     *                                  an unquoted field, or text after a closing quote
     */
    List<String> next() throws IOException {
        int c = read();
        while (c == '\n' || c == '\r') {
            c = read();
        }
        if (c == -1) {
            return null;
        }
        recordLine = line;
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        while (true) {
            if (c == '"' && f.length() == 0) {
                int openLine = line;
                int openColumn = column;
                while (true) {
                    c = read();
                    if (c == -1) {
                        throw error(openLine, openColumn, "the quoted field opened here is never closed");
                    }
                    if (c == '"') {
                        int d = read();
                        if (d == '"') {
                            f.append('"');
                            continue;
                        }
                        c = d;
                        break;
                    }
                    f.append((char) c);
                }
                if (c == '\r') {
                    int d = read();
                    if (d != '\n') {
                        unread(d);
                    }
                    c = '\n';
                }
                if (c != ',' && c != '\n' && c != -1) {
                    throw error(line, column, "text after the closing quote of a field; a quote inside a field must"
                            + " be doubled (\"\")");
                }
            } else {
                while (c != ',' && c != '\n' && c != -1) {
                    if (c == '\r') {
                        int d = read();
                        if (d == '\n' || d == -1) {
                            c = d;
                            break;
                        }
                        unread(d);
                    } else if (c == '"') {
                        throw error(line, column, "a quote inside an unquoted field; quote the whole field and double"
                                + " the quote (\"\")");
                    }
                    f.append((char) c);
                    c = read();
                }
            }
            out.add(f.toString());
            f.setLength(0);
            if (c == '\n' || c == -1) {
                return out;
            }
            c = read(); // after a comma
        }
    }

    private IllegalArgumentException error(int l, int col, String what) {
        return new IllegalArgumentException(file + ": line " + l + ", column " + col + ": " + what);
    }

    /** Splits one line (no line breaks inside quotes); kept for callers that hold single lines. */
    static List<String> split(String line) {
        try {
            List<String> r = new Csv(new java.io.StringReader(line), "(text)").next();
            return r == null ? List.of("") : r;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
