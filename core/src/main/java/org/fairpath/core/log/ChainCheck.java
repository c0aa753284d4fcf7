package org.fairpath.core.log;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The chain check behind every store's verify: fed the records in store order, it checks that each is a canonical
 * record ({@link RecordCodec#decode}), that sequence numbers run without gaps from 1 (or from just after a
 * {@code CHECKPOINT} that starts the store), that each record's {@code prev} is the hash before it, and optionally
 * that a published head is present and that the starting checkpoint is signed by a trusted key.
 *
 * <p>The {@code PURGE} record that a purge appends after making a checkpoint holds the checkpoint's hash
 * ({@code checkpointHash}); the check compares it with the starting checkpoint, so an edited checkpoint fails, and a
 * head published after the purge covers the checkpoint's content. A {@code PURGE} written by an older version without
 * that field still verifies, with a {@link Verification#note() note} saying that nothing vouches for the checkpoint.
 *
 * <p>A {@code CHECKPOINT} stands for purged records: its body holds {@code purgedThrough} (equal to its own
 * sequence number), {@code lastPurgedHash} (the hash the chain continues from) and, when the deployment signs
 * checkpoints, {@code signature}: base64 Ed25519 over {@link RecordCodec#checkpointPayload}. With a trusted key an
 * unsigned or badly signed checkpoint fails the check, so records cannot be cut from the front behind a hand-made
 * checkpoint. Without a key such a cut is caught only where the cut records are anchored elsewhere.
 *
 * <p>An expected head that a retention purge removed: at the checkpoint's own sequence number its hash is compared
 * with {@code lastPurgedHash}; before it, no hash is left to compare, so the head passes only with a trusted key
 * (the signed checkpoint vouches for the purge), and the verdict's {@link Verification#note() note} says that it was
 * vouched for, not compared. Without a key such a head fails, saying that it lies in the purged range.
 *
 * <p>Not thread-safe; one instance per verify.
 */
public final class ChainCheck {

    private final PublicKey trust;
    /** The starting CHECKPOINT's sequence number and hash, or -1 and null if the log does not start with one. */
    private long checkpointSeq = -1;
    private String checkpointHash;
    private final Head expected;
    private long count;
    private long line;
    private long expectedSeq = 1;
    private String expectedPrev = RecordCodec.GENESIS;
    private Head head = new Head(0, RecordCodec.GENESIS);
    private boolean expectedSeen;
    private String note = "";
    private Verification failure;

    private ChainCheck(PublicKey trust, Head expected) {
        this.trust = trust;
        this.expected = expected;
        this.expectedSeen = expected != null && expected.sequence() == 0 && expected.hash().equals(RecordCodec.GENESIS);
    }

    /** A check of the chain alone. */
    public static ChainCheck create() {
        return new ChainCheck(null, null);
    }

    /**
     * A check that also requires the record {@code expected} (when not null) and a valid signature by {@code trust}
     * (when not null) on a starting checkpoint.
     */
    public static ChainCheck create(Head expected, PublicKey trust) {
        if (trust != null && !"EdDSA".equals(trust.getAlgorithm()) && !"Ed25519".equals(trust.getAlgorithm())) {
            throw new IllegalArgumentException("trust key is a " + trust.getAlgorithm() + " key; an Ed25519 key is"
                    + " needed");
        }
        return new ChainCheck(trust, expected);
    }

    /**
     * Checks the next line (without its {@code '\n'}).
     *
     * @return false once the check has failed (further input is ignored)
     */
    public boolean line(String text) {
        if (failure != null) {
            return false;
        }
        line++;
        if (text.isEmpty()) {
            return fail(OptionalLong.empty(), "line " + line + " is empty (a blank line, e.g. an extra newline added by"
                    + " an editor); records are never empty, so remove that line by hand after checking the file");
        }
        LogRecord r;
        try {
            r = RecordCodec.decode(text);
        } catch (IllegalArgumentException e) {
            return fail(RecordCodec.guessSequence(text), "line " + line + " is not an intact record: " + e.getMessage());
        }
        return check(r);
    }

    /**
     * Checks the next record (already decoded, e.g. read from a database).
     *
     * @return false once the check has failed
     */
    public boolean record(LogRecord r) {
        if (failure != null) {
            return false;
        }
        line++;
        return check(r);
    }

    private boolean check(LogRecord r) {
        long seq = r.sequence();
        if ("CHECKPOINT".equals(r.type())) {
            if (count > 0) {
                return fail(OptionalLong.of(seq), "a CHECKPOINT record may only start the log");
            }
            Object through = r.body().get("purgedThrough");
            Object last = r.body().get("lastPurgedHash");
            if (!(through instanceof Number n) || n.longValue() != seq || !(last instanceof String h)
                    || !RecordCodec.isHash(h)) {
                return fail(OptionalLong.of(seq), "CHECKPOINT " + seq + " needs purgedThrough = " + seq
                        + " and lastPurgedHash = 64 hex digits");
            }
            if (trust != null && !signedBy(r)) {
                return fail(OptionalLong.of(seq), "CHECKPOINT " + seq + " is not signed by the trusted key; a"
                        + " checkpoint that no trusted key vouches for may hide records cut from the front");
            }
            checkpointSeq = seq;
            checkpointHash = r.hash();
            count++;
            expectedSeq = seq + 1;
            expectedPrev = h;
            head = new Head(seq, h);
            return matchExpectedAtCheckpoint();
        }
        if (seq != expectedSeq) {
            return fail(OptionalLong.of(seq), "sequence " + seq + " where " + expectedSeq + " was expected"
                    + (count == 0 ? " (the first records are missing)" : " (a record was deleted, inserted or moved)"));
        }
        if (!expectedPrev.equals(r.previous())) {
            return fail(OptionalLong.of(seq), "record " + seq + " does not chain to the record before it (a record"
                    + " before it was changed, deleted, inserted or moved)");
        }
        if ("PURGE".equals(r.type()) && !purgeCoversCheckpoint(r)) {
            return false;
        }
        count++;
        expectedSeq = seq + 1;
        expectedPrev = r.hash();
        head = new Head(seq, r.hash());
        return matchExpected();
    }

    private boolean matchExpected() {
        if (expected != null && !expectedSeen && head.sequence() >= expected.sequence()) {
            if (head.sequence() > expected.sequence()) {
                return fail(OptionalLong.of(expected.sequence()), "the expected head " + expected + " is not in the"
                        + " log: it starts after record " + expected.sequence());
            }
            if (!head.hash().equals(expected.hash())) {
                return fail(OptionalLong.of(expected.sequence()), "record " + expected.sequence() + " has hash "
                        + head.hash() + " but the expected head says " + expected.hash()
                        + " (the log was rewritten from there or before)");
            }
            expectedSeen = true;
        }
        return true;
    }

    /**
     * The {@code PURGE} record that made the starting checkpoint (its {@code purgedThrough} is the checkpoint's
     * sequence number) holds the checkpoint's hash as {@code checkpointHash}: since the PURGE record is in the chain,
     * a head published after the purge covers the checkpoint's content too (carried kill-switch records, time,
     * cutoff). A PURGE written before this field existed has none: the log still verifies, with a note.
     */
    private boolean purgeCoversCheckpoint(LogRecord r) {
        if (checkpointSeq < 0 || !(r.body().get("purgedThrough") instanceof Number through)
                || through.longValue() != checkpointSeq) {
            return true; // no checkpoint, or a PURGE of an earlier checkpoint (replaced since) or that removed nothing
        }
        Object h = r.body().get("checkpointHash");
        if (h == null && !r.body().containsKey("checkpointHash")) {
            String legacy = "the starting CHECKPOINT " + checkpointSeq + " was written by an older version whose PURGE"
                    + " record " + r.sequence() + " does not hold the checkpoint's hash, so no head vouches for the"
                    + " checkpoint's own content (its carried kill-switch records, time and cutoff)"
                    + (trust != null ? "; its signature does" : "");
            note = note.isEmpty() ? legacy : note + "; " + legacy;
            return true;
        }
        if (!(h instanceof String s) || !RecordCodec.isHash(s)) {
            return fail(OptionalLong.of(r.sequence()), "PURGE " + r.sequence() + " has checkpointHash " + h
                    + "; it must be the starting CHECKPOINT's hash, 64 hex digits");
        }
        if (!s.equals(checkpointHash)) {
            return fail(OptionalLong.of(checkpointSeq), "the starting CHECKPOINT " + checkpointSeq + " has hash "
                    + checkpointHash + " but PURGE record " + r.sequence() + ", which made it, says " + s
                    + " (the checkpoint was changed after the purge)");
        }
        return true;
    }

    /**
     * The expected head against a starting checkpoint (held in {@link #head}) that stands for records up to and
     * including its own sequence number. Only the last purged record's hash is kept, so a head at the checkpoint is
     * compared and a head before it can only be vouched for by the checkpoint's signature.
     */
    private boolean matchExpectedAtCheckpoint() {
        if (expected == null || expectedSeen || expected.sequence() > head.sequence()) {
            return matchExpected();
        }
        long e = expected.sequence();
        long c = head.sequence();
        String vouch = trust != null ? "the checkpoint, signed by the trusted key," : "the checkpoint (its signature"
                + " not checked: no trusted key)";
        if (e == c) {
            if (!head.hash().equals(expected.hash())) {
                return fail(OptionalLong.of(e), "the expected head " + expected + " is the last purged record, but"
                        + " the log's starting CHECKPOINT keeps hash " + head.hash() + " for it (the log was"
                        + " rewritten from there or before)");
            }
            note = "the expected head " + e + " was removed by a retention purge; " + vouch + " keeps its hash, which"
                    + " matches";
            expectedSeen = true;
            return true;
        }
        if (trust == null) {
            return fail(OptionalLong.of(e), "the expected head " + expected + " lies in the purged range: the log"
                    + " starts with a CHECKPOINT for the records through " + c + ", which keeps only record " + c
                    + "'s hash, so record " + e + "'s cannot be compared; and with no trusted key to check the"
                    + " checkpoint's signature, a retention purge cannot be told from records cut from the front"
                    + " (verify with the checkpoint key as trust, or against a head after " + (c - 1) + ")");
        }
        note = "the expected head " + e + " lies in the purged range (records through " + c + " were removed by a"
                + " retention purge): its hash can no longer be compared; " + vouch + " vouches for the purged"
                + " records and the log goes on from record " + c + "'s hash";
        expectedSeen = true;
        return true;
    }

    private boolean signedBy(LogRecord r) {
        if (!(r.body().get("signature") instanceof String sig)) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(trust);
            s.update(RecordCodec.checkpointPayload(r.sequence(), r.time(), r.previous(), r.body()));
            return s.verify(Base64.getDecoder().decode(sig));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private boolean fail(OptionalLong seq, String problem) {
        failure = new Verification(false, count, seq, problem, head);
        return false;
    }

    /** The verdict on everything fed so far, as if the store ended here. */
    public Verification result() {
        if (failure != null) {
            return failure;
        }
        if (expected != null && !expectedSeen) {
            return new Verification(false, count, OptionalLong.of(expected.sequence()), "the log ends at record "
                    + head.sequence() + " but the expected head is " + expected.sequence()
                    + " (records were cut from the end)", head);
        }
        return new Verification(true, count, OptionalLong.empty(), "", head, note);
    }

    /** Records accepted so far. */
    public long records() {
        return count;
    }

}
