package org.fairpath.core.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.fairpath.core.Sha256;

/**
 * The one record format of every decision store: one record is one line of canonical JSON,
 * {@code {"seq":N,"time":"ISO-8601","type":"T","prev":"<64 hex>","body":{...},"hash":"<64 hex>"}}, where
 * {@code hash} is the SHA-256 of the UTF-8 bytes of the same JSON without the {@code hash} member and {@code prev}
 * is the previous record's hash ({@link #GENESIS} before the first record ever).
 *
 * <p><b>Canonical.</b> Keys keep the caller's order; numbers are written as Java writes them
 * ({@code Long.toString}, {@code Double.toString}); strings escape {@code "}, {@code \}, every C0 control, DEL,
 * every C1 control (which includes U+0085), U+2028, U+2029 and lone surrogates, so a record never contains a line
 * break of any kind and is valid UTF-8. {@link #decode} accepts a line only if re-encoding what it read gives back
 * exactly the same bytes (no duplicate keys, no alternative escapes or number forms) and the hash matches: two
 * stores that hold the same records hold byte-identical lines.
 */
public final class RecordCodec {

    /** The {@code prev} of the first record ever: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z_]{0,39}");
    private static final Pattern SEQ = Pattern.compile("\\{\"seq\":(\\d{1,18}),");
    private static final String HASH_KEY = ",\"hash\":\"";
    /** Length of {@code ,"hash":"<64 hex>"}} at the end of every line. */
    private static final int HASH_SUFFIX = HASH_KEY.length() + 64 + 2;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Longest number (digits and sign) a record may hold; the writer refuses and the reader rejects longer ones. */
    public static final int MAX_NUMBER_LENGTH = 1_000;
    /** Longest string value, in chars, a record may hold (writer and reader). */
    public static final int MAX_STRING_LENGTH = 20_000_000;
    /** Longest object key, in chars, a record may hold (writer and reader). */
    public static final int MAX_NAME_LENGTH = 50_000;
    /** Deepest nesting of objects and arrays in a record line, the record's own object counting 1, its body 2. */
    public static final int MAX_NESTING_DEPTH = 1_000;
    /** Longest record line in UTF-8 bytes, without its newline: the writer refuses longer, the reader stops. */
    public static final int MAX_LINE_LENGTH = 64 * 1024 * 1024;
    /** Types only the log itself writes; {@link #checkAppendType} refuses them for callers. */
    public static final java.util.Set<String> RESERVED_TYPES = java.util.Set.of("CHECKPOINT", "PURGE", "REPAIR");

    private static final JsonMapper READER = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                            .maxNumberLength(MAX_NUMBER_LENGTH).maxStringLength(MAX_STRING_LENGTH)
                            .maxNameLength(MAX_NAME_LENGTH).maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::digest);

    private RecordCodec() {
    }

    /**
     * One encoded record.
     *
     * @param line the record's line, without the terminating {@code '\n'}
     * @param hash its hash (also the last member of {@code line})
     */
    public record Encoded(String line, String hash) {
    }

    /**
     * Checks a record type.
     *
     * @throws IllegalArgumentException if {@code type} is not 1 to 40 upper case letters and '_', starting with a
     *                                  letter
     */
    public static void checkType(String type) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("record type '" + type + "' is not allowed; use 1 to 40 upper case"
                    + " letters and '_', starting with a letter, e.g. DECISION");
        }
    }

    /**
     * Checks a type a caller asks to append: as {@link #checkType}, and not one of {@link #RESERVED_TYPES}.
     *
     * @throws IllegalArgumentException naming the type and what is allowed
     */
    public static void checkAppendType(String type) {
        checkType(type);
        if (RESERVED_TYPES.contains(type)) {
            throw new IllegalArgumentException("record type '" + type + "' is reserved: the log writes "
                    + RESERVED_TYPES.stream().sorted().toList() + " records itself; use another type");
        }
    }

    /** Whether {@code s} is 64 lower-case hex digits. */
    public static boolean isHash(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Encodes a record.
     *
     * @throws IllegalArgumentException naming the field if the type, previous hash or a body value is not allowed
     */
    public static Encoded encode(long sequence, Instant time, String type, String previous, Map<String, ?> body) {
        if (sequence < 1) {
            throw new IllegalArgumentException("record sequence is " + sequence + "; it must be >= 1");
        }
        Objects.requireNonNull(time, "time");
        checkType(type);
        if (!isHash(previous)) {
            throw new IllegalArgumentException("previous hash '" + previous + "' is not 64 lower-case hex digits");
        }
        Objects.requireNonNull(body, "body");
        String content = content(sequence, time, type, previous, body);
        long bytes = content.length() - 1L + HASH_SUFFIX; // the line: content without its '}', then the hash
        if (bytes * 3 > MAX_LINE_LENGTH
                && (bytes = content.getBytes(StandardCharsets.UTF_8).length - 1L + HASH_SUFFIX) > MAX_LINE_LENGTH) {
            throw new IllegalArgumentException("record body makes a line of " + bytes + " bytes; the limit is "
                    + MAX_LINE_LENGTH);
        }
        String hash = sha256(content);
        return new Encoded(content.substring(0, content.length() - 1) + HASH_KEY + hash + "\"}", hash);
    }

    /** The record's JSON without its hash: the bytes the hash is computed over. */
    private static String content(long sequence, Instant time, String type, String previous, Map<String, ?> body) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"seq\":").append(sequence).append(",\"time\":");
        string(sb, time.toString());
        sb.append(",\"type\":");
        string(sb, type);
        sb.append(",\"prev\":\"").append(previous).append("\",\"body\":");
        value(sb, body, "body", 2);
        return sb.append('}').toString();
    }

    private static void value(StringBuilder sb, Object v, String path, int depth) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            if (s.length() > MAX_STRING_LENGTH) {
                throw new IllegalArgumentException("record " + path + " is a string of " + s.length()
                        + " chars; the limit is " + MAX_STRING_LENGTH);
            }
            string(sb, s);
        } else if (v instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            String digits = v.toString();
            if (digits.length() > MAX_NUMBER_LENGTH) {
                throw new IllegalArgumentException("record " + path + " is a number of " + digits.length()
                        + " characters; the limit is " + MAX_NUMBER_LENGTH);
            }
            sb.append(digits);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("record " + path + " is " + d + "; JSON allows finite numbers"
                        + " only (use null for a missing value)");
            }
            sb.append(d);
        } else if ((v instanceof Map<?, ?> || v instanceof Collection<?>) && depth > MAX_NESTING_DEPTH) {
            throw new IllegalArgumentException("record " + abbreviate(path) + " is nested " + depth
                    + " levels deep (the record's own object counting 1, its body 2); the limit is "
                    + MAX_NESTING_DEPTH);
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw new IllegalArgumentException("record " + path + " has the key " + e.getKey()
                            + "; keys must be strings");
                }
                if (k.length() > MAX_NAME_LENGTH) {
                    throw new IllegalArgumentException("record " + path + " has a key of " + k.length()
                            + " chars; the limit is " + MAX_NAME_LENGTH);
                }
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, k);
                sb.append(':');
                value(sb, e.getValue(), path + "." + k, depth + 1);
            }
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            int i = 0;
            for (Iterator<?> it = c.iterator(); it.hasNext(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                value(sb, it.next(), path + "[" + i + "]", depth + 1);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("record " + path + " is a " + v.getClass().getName() + "; allowed:"
                    + " String, Boolean, Integer, Long, Short, Byte, BigInteger, Double, Float, List, Map, null");
        }
    }

    /** Appends {@code s} as a JSON string with the escapes that keep a record on one line. */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029') {
                        unicodeEscape(sb, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(sb, c); // a lone surrogate has no UTF-8 form
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static String abbreviate(String path) {
        return path.length() <= 80 ? path : path.substring(0, 40) + "..." + path.substring(path.length() - 36);
    }

    private static void unicodeEscape(StringBuilder sb, char c) {
        sb.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                .append(HEX[c & 0xf]);
    }

    /**
     * Decodes one line (without its {@code '\n'}) into a record after checking that it is canonical and that its
     * hash matches its content. The chain (sequence and {@code prev}) is checked by {@link ChainCheck}.
     *
     * @throws IllegalArgumentException saying what is wrong with the line
     */
    public static LogRecord decode(String line) {
        int n = line.length();
        if (n < HASH_SUFFIX + 2 || !line.startsWith(HASH_KEY, n - HASH_SUFFIX) || !line.endsWith("\"}")) {
            throw new IllegalArgumentException("not a record line: it does not end with ,\"hash\":\"<64 hex>\"}");
        }
        String hash = line.substring(n - 66, n - 2);
        if (!isHash(hash)) {
            throw new IllegalArgumentException("not a record line: its hash is not 64 lower-case hex digits");
        }
        String content = line.substring(0, n - HASH_SUFFIX) + "}";
        Map<String, Object> m;
        try {
            m = READER.readValue(content, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a record line: " + e.getOriginalMessage());
        }
        if (!List.copyOf(m.keySet()).equals(List.of("seq", "time", "type", "prev", "body"))) {
            throw new IllegalArgumentException("not a record line: its members are " + m.keySet()
                    + "; expected [seq, time, type, prev, body, hash] in that order");
        }
        if (!(m.get("seq") instanceof Integer || m.get("seq") instanceof Long)
                || ((Number) m.get("seq")).longValue() < 1) {
            throw new IllegalArgumentException("not a record line: seq " + m.get("seq") + " is not a number >= 1");
        }
        long seq = ((Number) m.get("seq")).longValue();
        if (!(m.get("time") instanceof String time) || !(m.get("type") instanceof String type)
                || !(m.get("prev") instanceof String prev) || !(m.get("body") instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("record " + seq + ": time, type and prev must be strings and body an"
                    + " object");
        }
        Instant instant;
        try {
            instant = Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("record " + seq + ": time '" + time + "' is not an ISO-8601 instant");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) m.get("body");
        String canonical;
        try {
            checkType(type);
            if (!isHash(prev)) {
                throw new IllegalArgumentException("prev is not 64 lower-case hex digits");
            }
            canonical = content(seq, instant, type, prev, body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("record " + seq + ": " + e.getMessage());
        }
        if (!canonical.equals(content)) {
            throw new IllegalArgumentException("record " + seq + " is not in canonical form (a value was written in"
                    + " another way than the log writes it)");
        }
        if (!sha256(content).equals(hash)) {
            throw new IllegalArgumentException("record " + seq + ": its hash does not match its content");
        }
        return new LogRecord(seq, instant, type, prev, body, hash);
    }

    /** The sequence number at the start of a damaged line, if it has one. */
    static java.util.OptionalLong guessSequence(String line) {
        java.util.regex.Matcher m = SEQ.matcher(line);
        return m.lookingAt() ? java.util.OptionalLong.of(Long.parseLong(m.group(1))) : java.util.OptionalLong.empty();
    }

    /** SHA-256 of the UTF-8 bytes of {@code text}, in lower-case hex. */
    public static String sha256(String text) {
        MessageDigest md = DIGEST.get();
        byte[] d = md.digest(text.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[64];
        for (int i = 0; i < 32; i++) {
            out[2 * i] = HEX[d[i] >> 4 & 0xf];
            out[2 * i + 1] = HEX[d[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * The bytes a checkpoint's Ed25519 signature covers: the whole record as {@link #encode} writes it before its
     * hash — sequence, time, type, {@code prev} and every body member (cutoff, purged range, carried state) — except
     * the body's {@code signature} member itself. Editing any of them, even with the hash recomputed, breaks it.
     */
    public static byte[] checkpointPayload(long sequence, Instant time, String previous, Map<String, ?> body) {
        Map<String, Object> unsigned = new LinkedHashMap<>(body);
        unsigned.remove("signature");
        return ("fairpath-checkpoint-v2\n" + content(sequence, time, "CHECKPOINT", previous, unsigned))
                .getBytes(StandardCharsets.UTF_8);
    }
}
