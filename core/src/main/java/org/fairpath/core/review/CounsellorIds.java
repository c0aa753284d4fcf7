package org.fairpath.core.review;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How counsellor ids are written to the decision log: as a keyed hash, {@code hmac:} followed by the 64 hex digits
 * of HMAC-SHA-256 under the deployment's secret key ({@link #keyed}), so the log never holds an id in clear and the
 * same counsellor always gets the same pseudonym under one key (and an unrelated one under another); or, for
 * deployments that have not set a key, in clear ({@link #clear}, the behaviour before issue 17).
 *
 * <p>A keyed form is 69 characters and a clear id at most 64, so the two never collide: logs written before keys were
 * used keep their clear ids, still verify, and are read as they are. Immutable; the key is copied.
 */
public final class CounsellorIds {

    /** Shortest key accepted, in bytes (the HMAC-SHA-256 output size). */
    public static final int MIN_KEY_BYTES = 32;
    /** The prefix of a keyed form. */
    public static final String PREFIX = "hmac:";
    /**
     * The body field, beside keyed ids, that holds the key's fingerprint ({@link #keyId}): a desk opened with another
     * key, or with none, refuses to write counsellor ids to a log that has it, since it could neither tell who decided
     * nor keep ids out of it.
     */
    public static final String KEY_FIELD = "counsellorKey";

    private final byte[] key;

    private CounsellorIds(byte[] key) {
        this.key = key;
    }

    /**
     * Keyed hashing under {@code key}.
     *
     * @throws IllegalArgumentException if the key is shorter than {@value #MIN_KEY_BYTES} bytes or all one byte
     */
    public static CounsellorIds keyed(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("counsellor key has " + (key == null ? 0 : key.length) + " bytes;"
                    + " allowed: at least " + MIN_KEY_BYTES + " random bytes (e.g. head -c 32 /dev/urandom)");
        }
        boolean constant = true;
        for (byte b : key) {
            constant &= b == key[0];
        }
        if (constant) {
            throw new IllegalArgumentException("counsellor key is one byte repeated; allowed: random bytes");
        }
        return new CounsellorIds(key.clone());
    }

    /** Ids in clear, as before issue 17: only for deployments that have not set a key. */
    public static CounsellorIds clear() {
        return new CounsellorIds(null);
    }

    /** Whether ids are hashed. */
    public boolean isKeyed() {
        return key != null;
    }

    /**
     * The key's public fingerprint: 16 hex digits of HMAC-SHA-256 of a fixed label under the key (it reveals nothing
     * of the key or of any id); null for clear ids.
     */
    public String keyId() {
        return key == null ? null : hmac("fairpath counsellor key id").substring(0, 16);
    }

    /** The form of {@code counsellorId} written to the log. */
    public String stored(String counsellorId) {
        if (key == null) {
            return counsellorId;
        }
        return PREFIX + hmac(counsellorId);
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] d = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(64);
            for (byte b : d) {
                sb.append(Character.forDigit(b >> 4 & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return sb.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** {@code body} with this key's fingerprint added when ids are keyed (see {@link #KEY_FIELD}). */
    Map<String, Object> stamp(Map<String, Object> body) {
        if (key != null) {
            body.put(KEY_FIELD, keyId());
        }
        return body;
    }

    /**
     * Why a desk with these ids must not write to a log holding {@code body} ({@code where} names the record), or null.
     * A record stamped with another key's fingerprint, or holding a keyed id when these ids are clear, is refused.
     */
    String conflict(Map<?, ?> body, String where) {
        Object stamped = body.get(KEY_FIELD);
        if (stamped != null && !stamped.equals(keyId())) {
            return where + " was written under counsellor key " + stamped + (key == null ? ", but this desk has no key"
                    : ", not this desk's key " + keyId()) + "; open the desk with the deployment's counsellor key"
                    + " (CounsellorIds.keyed): with another key or none it could not tell who made a decision, and"
                    + " would write ids the log's readers cannot link";
        }
        if (key == null) {
            for (String f : new String[] {"counsellor", "actor", "recordedBy"}) {
                if (body.get(f) instanceof String v && v.startsWith(PREFIX)) {
                    return where + " holds a keyed counsellor id (" + f + "), but this desk has no key; open it with"
                            + " the deployment's counsellor key (CounsellorIds.keyed), so ids stay out of the log";
                }
            }
        }
        return null;
    }

    /**
     * Whether a counsellor value read from the log ({@code logged}) names {@code counsellorId}: its keyed form under
     * this key, or the id itself in a record written in clear.
     */
    public boolean names(Object logged, String counsellorId) {
        if (!(logged instanceof String s)) {
            return false;
        }
        return MessageDigest.isEqual(s.getBytes(StandardCharsets.UTF_8),
                stored(counsellorId).getBytes(StandardCharsets.UTF_8)) || s.equals(counsellorId);
    }

    @Override
    public String toString() {
        return key == null ? "CounsellorIds[clear]" : "CounsellorIds[keyed]";
    }

    /** Never equal to another instance (keys are not compared). */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

}
