package org.fairpath.core.log;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a stream into lines on {@code '\n'} only (never on {@code '\r'}, U+0085, U+2028 or U+2029) and decodes each
 * strictly as UTF-8. Bytes after the last {@code '\n'} are not a line: {@link #tail} says how many there were.
 * Streams: memory is bounded by the longest line.
 */
final class LineScanner {

    /** Receives one line. */
    interface Sink {
        /** @return false to stop scanning */
        boolean line(String text, long offset);
    }

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private long tail;
    private long end;
    private long lines;

    /**
     * Feeds every complete line of {@code in} to {@code sink}.
     *
     * @return false if the sink stopped early
     */
    boolean scan(InputStream in, Sink sink) throws IOException {
        byte[] buf = new byte[1 << 16];
        byte[] line = new byte[1024];
        int len = 0;
        long offset = 0; // of the line being collected
        long pos = 0;
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    int part = i - start;
                    checkLength(len + (long) part);
                    if (len + part > line.length) {
                        line = Arrays.copyOf(line, Math.max(line.length * 2, len + part));
                    }
                    System.arraycopy(buf, start, line, len, part);
                    len += part;
                    String text = decode(line, len, offset);
                    end = pos + i + 1;
                    if (!sink.line(text, offset)) {
                        tail = 0;
                        return false;
                    }
                    len = 0;
                    lines++;
                    offset = pos + i + 1;
                    start = i + 1;
                }
            }
            int part = n - start;
            checkLength(len + (long) part);
            if (len + part > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, len + part));
            }
            System.arraycopy(buf, start, line, len, part);
            len += part;
            pos += n;
        }
        tail = len;
        return true;
    }

    /** Refuses to collect a line longer than any record the writer produces (bounded memory on any input). */
    private void checkLength(long length) {
        if (length > RecordCodec.MAX_LINE_LENGTH) {
            throw new LineTooLongException("record at line " + (lines + 1) + " is longer than the limit of "
                    + RecordCodec.MAX_LINE_LENGTH + " bytes (no writer of this log produces such a line)");
        }
    }

    /** A line past {@link RecordCodec#MAX_LINE_LENGTH}: the input is not a log this code wrote. */
    static final class LineTooLongException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        LineTooLongException(String message) {
            super(message);
        }
    }

    private String decode(byte[] bytes, int len, long offset) {
        try {
            CharBuffer c = utf8.reset().decode(ByteBuffer.wrap(bytes, 0, len));
            return c.toString();
        } catch (CharacterCodingException e) {
            return "\uFFFD invalid UTF-8 at byte " + offset; // never a valid record: decode will refuse it
        }
    }

    /** Bytes after the last {@code '\n'} of the last scan. */
    long tail() {
        return tail;
    }

    /** Offset just after the last complete line passed to the sink. */
    long end() {
        return end;
    }
}
