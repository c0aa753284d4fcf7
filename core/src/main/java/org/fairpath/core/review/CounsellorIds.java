package org.fairpath.core.review;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

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

    /** The form of {@code counsellorId} written to the log. */
    public String stored(String counsellorId) {
        if (key == null) {
            return counsellorId;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] d = mac.doFinal(counsellorId.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(PREFIX.length() + 64).append(PREFIX);
            for (byte b : d) {
                sb.append(Character.forDigit(b >> 4 & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return sb.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
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
