package org.fairpath.examples;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The standard output and error of every command: whatever text a command prints (its own words, paths the user
 * gave, text read from a file) reaches the terminal with every control character other than the line break, every
 * bidirectional or other invisible format character and every odd separator shown as {@code \\uXXXX} (see
 * {@link Main#safe}). An escape sequence or a carriage return in a log record therefore cannot clear or overwrite
 * what is on the screen, and U+202E cannot reverse it. Line breaks inside one value are escaped where the value is
 * printed, with {@link Main#safe}.
 */
final class SafePrintStream extends PrintStream {

    SafePrintStream(OutputStream out) {
        super(out, true, StandardCharsets.UTF_8);
    }

    /** {@code out} itself when it already escapes, otherwise a stream that does. */
    static PrintStream of(PrintStream out) {
        return out instanceof SafePrintStream ? out : new SafePrintStream(out);
    }

    @Override
    public void print(String s) {
        super.print(Main.safe(String.valueOf(s), true));
    }

    @Override
    public void print(Object o) {
        print(String.valueOf(o));
    }

    @Override
    public void print(char c) {
        print(String.valueOf(c));
    }

    @Override
    public void print(char[] s) {
        print(new String(s));
    }
}
