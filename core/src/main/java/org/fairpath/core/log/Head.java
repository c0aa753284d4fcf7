package org.fairpath.core.log;

import java.util.Objects;

/**
 * A point in a decision store's chain: a sequence number and the hash of the record with that number. Published
 * (or signed, see {@link Anchors}) elsewhere, it anchors the chain: a verify against it catches a cut tail and a
 * rewritten log.
 *
 * @param sequence the record's sequence number; 0 for an empty store
 * @param hash     its SHA-256 in lower-case hex; {@link RecordCodec#GENESIS} for an empty store
 */
public record Head(long sequence, String hash) {

    public Head {
        if (sequence < 0) {
            throw new IllegalArgumentException("head sequence is " + sequence + "; it must be >= 0");
        }
        Objects.requireNonNull(hash, "hash");
        if (!RecordCodec.isHash(hash)) {
            throw new IllegalArgumentException("head hash '" + hash + "' is not 64 lower-case hex digits");
        }
    }

    /**
     * Parses {@code SEQ:HASH}, e.g. {@code 42:3f9a...}.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public static Head parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("head '" + text + "' is not SEQ:HASH (e.g. 42:<64 hex digits>)");
        }
        long seq;
        try {
            seq = Long.parseLong(text.substring(0, colon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("head '" + text + "': sequence '" + text.substring(0, colon)
                    + "' is not a whole number");
        }
        return new Head(seq, text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return sequence + ":" + hash;
    }
}
