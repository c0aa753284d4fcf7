package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LineScannerTest {

    private static List<String> scan(byte[] bytes, LineScanner s, List<Long> offsets) throws IOException {
        List<String> out = new ArrayList<>();
        s.scan(new ByteArrayInputStream(bytes), (text, offset) -> {
            out.add(text);
            offsets.add(offset);
            return true;
        });
        return out;
    }

    @Test
    void splitsOnNewlineOnly_keepsOtherBreaksInsideTheLine() throws IOException {
        String text = "a\rb\u2028c\u0085d\n\ne\u2029f\ntail";
        LineScanner s = new LineScanner();
        List<Long> offsets = new ArrayList<>();
        List<String> lines = scan(text.getBytes(StandardCharsets.UTF_8), s, offsets);
        assertEquals(List.of("a\rb\u2028c\u0085d", "", "e\u2029f"), lines);
        int first = "a\rb\u2028c\u0085d\n".getBytes(StandardCharsets.UTF_8).length;
        assertEquals(List.of(0L, (long) first, (long) first + 1), offsets);
        assertEquals(4, s.tail());
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length - 4, s.end());
    }

    @Test
    void linesLongerThanTheBuffer_andAcrossBufferEdges() throws IOException {
        StringBuilder sb = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String l = "x".repeat(i * 3001 % 70_001) + i;
            expected.add(l);
            sb.append(l).append('\n');
        }
        LineScanner s = new LineScanner();
        assertEquals(expected, scan(sb.toString().getBytes(StandardCharsets.US_ASCII), s, new ArrayList<>()));
        assertEquals(0, s.tail());
        assertEquals(sb.length(), s.end());
    }

    @Test
    void invalidUtf8_becomesALineNoRecordCanMatch() throws IOException {
        byte[] bytes = {'o', 'k', '\n', (byte) 0xC3, '(', '\n'};
        List<String> lines = scan(bytes, new LineScanner(), new ArrayList<>());
        assertEquals("ok", lines.get(0));
        assertTrue(lines.get(1).startsWith("\uFFFD invalid UTF-8 at byte 3"), lines.get(1));
    }

    @Test
    void sinkStops_scanReturnsFalse() throws IOException {
        LineScanner s = new LineScanner();
        List<String> seen = new ArrayList<>();
        boolean all = s.scan(new ByteArrayInputStream("a\nb\nc\n".getBytes(StandardCharsets.US_ASCII)),
                (text, offset) -> {
                    seen.add(text);
                    return !text.equals("b");
                });
        assertFalse(all);
        assertEquals(List.of("a", "b"), seen);
        assertEquals(0, s.tail());
        assertEquals(4, s.end());
        assertTrue(new LineScanner().scan(new ByteArrayInputStream(new byte[0]), (t, o) -> false));
    }
}
