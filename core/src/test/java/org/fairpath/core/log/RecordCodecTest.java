package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairpath.core.Sha256;
import org.junit.jupiter.api.Test;

final class RecordCodecTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void encode_handWrittenLine_sameBytesAndHash() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("b", 1);
        body.put("a", List.of(true, 2.5, "x"));
        body.put("n", null);
        RecordCodec.Encoded e = RecordCodec.encode(7, T, "DECISION", RecordCodec.GENESIS, body);
        // oracle: written by hand from the format in RecordCodec's Javadoc; hash by the JDK's SHA-256
        String content = "{\"seq\":7,\"time\":\"2026-01-02T03:04:05Z\",\"type\":\"DECISION\",\"prev\":\""
                + "0".repeat(64) + "\",\"body\":{\"b\":1,\"a\":[true,2.5,\"x\"],\"n\":null}}";
        String hash = Sha256.hex(content);
        assertEquals(hash, e.hash());
        assertEquals(content.substring(0, content.length() - 1) + ",\"hash\":\"" + hash + "\"}", e.line());
        LogRecord r = RecordCodec.decode(e.line());
        assertEquals(7, r.sequence());
        assertEquals(T, r.time());
        assertEquals("DECISION", r.type());
        assertEquals(body, r.body());
        assertEquals(hash, r.hash());
    }

    @Test
    void encode_lineBreaksAndControls_escapedOntoOneLine() {
        String nasty = "a\u2028b\u2029c\u0085d\nr\re\u0000f\u001fg\u007fh\u009fi\"\\\ud800j\udc00k\ud83d\ude00";
        RecordCodec.Encoded e = RecordCodec.encode(1, T, "NOTE", RecordCodec.GENESIS, Map.of("note", nasty));
        String expected = "\"a\\u2028b\\u2029c\\u0085d\\nr\\re\\u0000f\\u001fg\\u007fh\\u009fi\\\"\\\\\\ud800j\\udc00k"
                + "\ud83d\ude00\"";
        assertTrue(e.line().contains("\"note\":" + expected), e.line());
        for (char c : e.line().toCharArray()) {
            assertTrue(c >= 0x20 && !(c >= 0x7f && c <= 0x9f) && c != '\u2028' && c != '\u2029', "char " + (int) c);
        }
        assertEquals(nasty, RecordCodec.decode(e.line()).body().get("note"));
    }

    @Test
    void decode_duplicateKeyWithRecomputedHash_refused() {
        String content = "{\"seq\":1,\"time\":\"2026-01-02T03:04:05Z\",\"type\":\"DECISION\",\"prev\":\""
                + "0".repeat(64) + "\",\"body\":{\"kind\":\"ACCEPTED\",\"kind\":\"REJECTED\"}}";
        String line = content.substring(0, content.length() - 1) + ",\"hash\":\"" + Sha256.hex(content) + "\"}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordCodec.decode(line));
        assertTrue(e.getMessage().contains("kind"), e.getMessage());
    }

    @Test
    void decode_otherEscapeOrNumberFormWithRecomputedHash_refusedAsNotCanonical() {
        for (String value : List.of("\"\\u0041\"", "1e2", "1.50", "\"\\/\"")) {
            String content = "{\"seq\":1,\"time\":\"2026-01-02T03:04:05Z\",\"type\":\"DECISION\",\"prev\":\""
                    + "0".repeat(64) + "\",\"body\":{\"v\":" + value + "}}";
            String line = content.substring(0, content.length() - 1) + ",\"hash\":\"" + Sha256.hex(content) + "\"}";
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordCodec.decode(line));
            assertTrue(e.getMessage().contains("canonical"), value + ": " + e.getMessage());
        }
    }

    @Test
    void decode_changedByte_hashMismatch() {
        String line = RecordCodec.encode(1, T, "DECISION", RecordCodec.GENESIS, Map.of("v", "abc")).line();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordCodec.decode(line.replace("abc", "abd")));
        assertTrue(e.getMessage().contains("hash does not match"), e.getMessage());
    }

    @Test
    void decode_missingOrExtraMembers_refused() {
        String content = "{\"seq\":1,\"time\":\"2026-01-02T03:04:05Z\",\"type\":\"DECISION\",\"body\":{}}";
        String line = content.substring(0, content.length() - 1) + ",\"hash\":\"" + Sha256.hex(content) + "\"}";
        assertThrows(IllegalArgumentException.class, () -> RecordCodec.decode(line));
        assertThrows(IllegalArgumentException.class, () -> RecordCodec.decode("{\"seq\":1}"));
        assertThrows(IllegalArgumentException.class, () -> RecordCodec.decode(""));
    }

    @Test
    void encode_badValues_nameTheField() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("p", Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordCodec.encode(1, T, "DECISION", RecordCodec.GENESIS, Map.of("x", inner)));
        assertTrue(e.getMessage().contains("body.x.p"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecordCodec.encode(1, T, "DECISION",
                RecordCodec.GENESIS, Map.of("d", new java.math.BigDecimal("1.50"))));
        assertTrue(e.getMessage().contains("body.d") && e.getMessage().contains("BigDecimal"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecordCodec.encode(1, T, "decision",
                RecordCodec.GENESIS, Map.of()));
        assertTrue(e.getMessage().contains("'decision'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecordCodec.encode(0, T, "D", RecordCodec.GENESIS,
                Map.of()));
        assertThrows(IllegalArgumentException.class, () -> RecordCodec.encode(1, T, "D", "abc", Map.of()));
    }

    @Test
    void roundTrip_numbersOfEveryAllowedType_canonical() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("i", Integer.MIN_VALUE);
        body.put("l", Long.MAX_VALUE);
        body.put("big", new BigInteger("123456789012345678901234567890"));
        body.put("d", 1.0E-5);
        body.put("neg", -0.0);
        body.put("f", 0.1f);
        body.put("list", new ArrayList<>(List.of(Map.of("k", "v"))));
        String line = RecordCodec.encode(3, T, "X", RecordCodec.GENESIS, body).line();
        assertTrue(line.contains("\"d\":1.0E-5,\"neg\":-0.0,\"f\":0.10000000149011612"), line);
        LogRecord r = RecordCodec.decode(line);
        assertEquals(line, RecordCodec.encode(3, T, "X", RecordCodec.GENESIS, r.body()).line());
    }
}
