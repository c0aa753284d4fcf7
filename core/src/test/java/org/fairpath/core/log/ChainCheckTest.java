package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The chain check on hand-built chains; expected verdicts follow from the rules in ChainCheck's Javadoc. */
final class ChainCheckTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static final KeyPair KEYS = Anchors.generateKeys();

    /** Records 1..n chained from GENESIS. */
    private static List<RecordCodec.Encoded> chain(long from, String prev, int n) {
        List<RecordCodec.Encoded> out = new ArrayList<>();
        String p = prev;
        for (int i = 0; i < n; i++) {
            RecordCodec.Encoded e = RecordCodec.encode(from + i, T, "DECISION", p, Map.of("i", from + i));
            out.add(e);
            p = e.hash();
        }
        return out;
    }

    private static Verification run(ChainCheck c, List<String> lines) {
        for (String l : lines) {
            c.line(l);
        }
        return c.result();
    }

    private static List<String> lines(List<RecordCodec.Encoded> es) {
        return es.stream().map(RecordCodec.Encoded::line).toList();
    }

    @Test
    void empty_isIntactAtGenesis() {
        Verification v = ChainCheck.create().result();
        assertEquals(new Verification(true, 0, OptionalLong.empty(), "", new Head(0, RecordCodec.GENESIS)), v);
    }

    @Test
    void goodChain_intact_headIsTheLastRecord() {
        List<RecordCodec.Encoded> c = chain(1, RecordCodec.GENESIS, 3);
        ChainCheck check = ChainCheck.create();
        for (String l : lines(c)) {
            assertTrue(check.line(l));
        }
        assertEquals(3, check.records());
        assertEquals(new Verification(true, 3, OptionalLong.empty(), "", new Head(3, c.get(2).hash())),
                check.result());
    }

    @Test
    void firstRecordMissing_namesSequence2() {
        List<RecordCodec.Encoded> c = chain(1, RecordCodec.GENESIS, 3);
        Verification v = run(ChainCheck.create(), lines(c).subList(1, 3));
        assertFalse(v.intact());
        assertEquals(OptionalLong.of(2), v.firstBadSequence());
        assertEquals(0, v.records());
        assertTrue(v.problem().contains("first records are missing"), v.problem());
        assertEquals(new Head(0, RecordCodec.GENESIS), v.head());
    }

    @Test
    void gapAndBrokenLink_areNamed() {
        List<RecordCodec.Encoded> c = chain(1, RecordCodec.GENESIS, 4);
        Verification gap = run(ChainCheck.create(), List.of(c.get(0).line(), c.get(2).line()));
        assertEquals(OptionalLong.of(3), gap.firstBadSequence());
        assertEquals(1, gap.records());
        assertEquals(new Head(1, c.get(0).hash()), gap.head());
        assertTrue(gap.problem().contains("sequence 3 where 2 was expected"), gap.problem());
        assertTrue(gap.problem().contains("deleted, inserted or moved"), gap.problem());

        RecordCodec.Encoded other = RecordCodec.encode(2, T, "DECISION", "1".repeat(64), Map.of());
        Verification link = run(ChainCheck.create(), List.of(c.get(0).line(), other.line()));
        assertEquals(OptionalLong.of(2), link.firstBadSequence());
        assertTrue(link.problem().contains("does not chain"), link.problem());
    }

    @Test
    void damagedLine_isNamedByLineAndGuessedSequence_andLaterInputIsIgnored() {
        List<RecordCodec.Encoded> c = chain(1, RecordCodec.GENESIS, 3);
        ChainCheck check = ChainCheck.create();
        assertTrue(check.line(c.get(0).line()));
        assertFalse(check.line(c.get(1).line().replace("\"i\":2", "\"i\":7")));
        assertFalse(check.line(c.get(2).line()));
        assertFalse(check.record(RecordCodec.decode(c.get(2).line())));
        Verification v = check.result();
        assertTrue(v.problem().startsWith("line 2 is not an intact record"), v.problem());
        assertEquals(OptionalLong.of(2), v.firstBadSequence());
        assertEquals(1, v.records());
        Verification garbage = run(ChainCheck.create(), List.of("not json"));
        assertEquals(OptionalLong.empty(), garbage.firstBadSequence());
        assertTrue(garbage.problem().startsWith("line 1 "), garbage.problem());
    }

    private static RecordCodec.Encoded checkpoint(long seq, String lastHash, String signature) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("purgedFrom", 1);
        b.put("purgedThrough", seq);
        b.put("lastPurgedHash", lastHash);
        if (signature != null) {
            b.put("signature", signature);
        }
        return RecordCodec.encode(seq, T, "CHECKPOINT", RecordCodec.GENESIS, b);
    }

    private static String sign(KeyPair k, long seq, String hash) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(k.getPrivate());
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("purgedFrom", 1);
        b.put("purgedThrough", seq);
        b.put("lastPurgedHash", hash);
        s.update(RecordCodec.checkpointPayload(seq, T, RecordCodec.GENESIS, b));
        return Base64.getEncoder().encodeToString(s.sign());
    }

    @Test
    void checkpoint_startsTheChainAtItsLastPurgedHash() throws Exception {
        String h = "a".repeat(64);
        List<RecordCodec.Encoded> rest = chain(6, h, 2);
        List<String> ls = new ArrayList<>(List.of(checkpoint(5, h, null).line()));
        ls.addAll(lines(rest));
        Verification v = run(ChainCheck.create(), ls);
        assertTrue(v.intact(), v.problem());
        assertEquals(3, v.records());
        assertEquals(new Head(7, rest.get(1).hash()), v.head());
        Verification only = run(ChainCheck.create(), List.of(checkpoint(5, h, null).line()));
        assertEquals(new Head(5, h), only.head());
        // the record after it must be 6, chained to h
        Verification wrong = run(ChainCheck.create(), List.of(checkpoint(5, h, null).line(),
                chain(6, "b".repeat(64), 1).get(0).line()));
        assertFalse(wrong.intact());
        assertTrue(wrong.problem().contains("does not chain"), wrong.problem());
        // the signature is checked only with a trusted key, and must be by that key over this checkpoint
        List<String> signed = List.of(checkpoint(5, h, sign(KEYS, 5, h)).line());
        assertTrue(run(ChainCheck.create(null, KEYS.getPublic()), signed).intact());
        Verification unsigned = run(ChainCheck.create(null, KEYS.getPublic()), List.of(checkpoint(5, h, null).line()));
        assertFalse(unsigned.intact());
        assertEquals(OptionalLong.of(5), unsigned.firstBadSequence());
        assertTrue(unsigned.problem().contains("not signed by the trusted key"), unsigned.problem());
        assertFalse(run(ChainCheck.create(null, KEYS.getPublic()),
                List.of(checkpoint(5, h, sign(KEYS, 4, h)).line())).intact(), "signature over another checkpoint");
        assertFalse(run(ChainCheck.create(null, KEYS.getPublic()),
                List.of(checkpoint(5, h, sign(Anchors.generateKeys(), 5, h)).line())).intact(), "another key");
        assertFalse(run(ChainCheck.create(null, KEYS.getPublic()),
                List.of(checkpoint(5, h, "%%not base64%%").line())).intact());
    }

    @Test
    void checkpoint_malformedOrNotFirst_fails() {
        String h = "a".repeat(64);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("purgedThrough", 4);
        b.put("lastPurgedHash", h);
        Verification through = run(ChainCheck.create(), List.of(RecordCodec.encode(5, T, "CHECKPOINT",
                RecordCodec.GENESIS, b).line()));
        assertFalse(through.intact());
        assertTrue(through.problem().contains("purgedThrough = 5"), through.problem());
        b.put("purgedThrough", 5);
        b.put("lastPurgedHash", "xyz");
        assertFalse(run(ChainCheck.create(), List.of(RecordCodec.encode(5, T, "CHECKPOINT", RecordCodec.GENESIS, b)
                .line())).intact());
        b.put("lastPurgedHash", 12);
        assertFalse(run(ChainCheck.create(), List.of(RecordCodec.encode(5, T, "CHECKPOINT", RecordCodec.GENESIS, b)
                .line())).intact());
        b.remove("purgedThrough");
        b.put("lastPurgedHash", h);
        assertFalse(run(ChainCheck.create(), List.of(RecordCodec.encode(5, T, "CHECKPOINT", RecordCodec.GENESIS, b)
                .line())).intact());
        List<RecordCodec.Encoded> c = chain(1, RecordCodec.GENESIS, 2);
        Verification late = run(ChainCheck.create(), List.of(c.get(0).line(), checkpoint(1, c.get(0).hash(), null)
                .line()));
        assertFalse(late.intact());
        assertTrue(late.problem().contains("may only start the log"), late.problem());
        assertEquals(1, late.records());
    }

    @Test
    void expectedHead_present_rewritten_cut_orPurged() throws Exception {
        List<RecordCodec.Encoded> c = chain(1, RecordCodec.GENESIS, 4);
        Head h2 = new Head(2, c.get(1).hash());
        assertTrue(run(ChainCheck.create(h2, null), lines(c)).intact(), "a head inside the log");
        assertTrue(run(ChainCheck.create(new Head(4, c.get(3).hash()), null), lines(c)).intact(), "the last record");
        assertTrue(run(ChainCheck.create(new Head(0, RecordCodec.GENESIS), null), lines(c)).intact());
        assertTrue(run(ChainCheck.create(new Head(0, RecordCodec.GENESIS), null), List.of()).intact());

        Verification rewritten = run(ChainCheck.create(new Head(2, "c".repeat(64)), null), lines(c));
        assertFalse(rewritten.intact());
        assertEquals(OptionalLong.of(2), rewritten.firstBadSequence());
        assertTrue(rewritten.problem().contains("rewritten"), rewritten.problem());

        Verification cut = run(ChainCheck.create(new Head(5, "c".repeat(64)), null), lines(c));
        assertFalse(cut.intact());
        assertEquals(OptionalLong.of(5), cut.firstBadSequence());
        assertEquals(4, cut.records());
        assertTrue(cut.problem().contains("ends at record 4") && cut.problem().contains("cut from the end"),
                cut.problem());

        String h = "a".repeat(64);
        List<String> purged = new ArrayList<>(List.of(checkpoint(5, h, null).line()));
        purged.addAll(lines(chain(6, h, 1)));
        Verification own = run(ChainCheck.create(new Head(5, h), null), purged);
        assertTrue(own.intact(), "the checkpoint's own head");
        assertTrue(own.note().contains("head 5 was removed by a retention purge")
                && own.note().contains("signature not checked"), own.note());
        Verification ownRewritten = run(ChainCheck.create(new Head(5, "c".repeat(64)), null), purged);
        assertFalse(ownRewritten.intact());
        assertEquals(OptionalLong.of(5), ownRewritten.firstBadSequence());
        assertTrue(ownRewritten.problem().contains("keeps hash " + h), ownRewritten.problem());
        Verification gone = run(ChainCheck.create(new Head(3, h), null), purged);
        assertFalse(gone.intact());
        assertEquals(OptionalLong.of(3), gone.firstBadSequence());
        assertEquals(1, gone.records());
        assertTrue(gone.problem().contains("lies in the purged range") && gone.problem().contains("through 5"),
                gone.problem());

        // signed by the trusted key: a head before the checkpoint is vouched for, and the note says so
        List<String> signedPurge = new ArrayList<>(List.of(checkpoint(5, h, sign(KEYS, 5, h)).line()));
        signedPurge.addAll(lines(chain(6, h, 1)));
        for (long e = 1; e <= 4; e++) {
            Verification vouched = run(ChainCheck.create(new Head(e, "d".repeat(64)), KEYS.getPublic()), signedPurge);
            assertTrue(vouched.intact(), vouched.problem());
            assertEquals(2, vouched.records());
            assertTrue(vouched.note().contains("expected head " + e + " lies in the purged range (records through 5")
                    && vouched.note().contains("signed by the trusted key"), vouched.note());
        }
        Verification after = run(ChainCheck.create(new Head(6, "d".repeat(64)), KEYS.getPublic()), signedPurge);
        assertFalse(after.intact(), "a head after the checkpoint is compared");
        assertEquals("", after.note());
        Verification signedOwn = run(ChainCheck.create(new Head(5, "d".repeat(64)), KEYS.getPublic()), signedPurge);
        assertFalse(signedOwn.intact(), "the checkpoint's own head is compared, signed or not");
        assertEquals("", run(ChainCheck.create(null, KEYS.getPublic()), signedPurge).note(), "no head, no note");
    }

    @Test
    void trustKey_mustBeEd25519() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChainCheck.create(null, g.generateKeyPair().getPublic()));
        assertTrue(e.getMessage().contains("Ed25519"), e.getMessage());
    }

    @Test
    void returnValues_followTheVerdictLineByLine_alsoForDecodedRecords() throws Exception {
        List<RecordCodec.Encoded> c = chain(1, RecordCodec.GENESIS, 3);
        ChainCheck byRecord = ChainCheck.create();
        assertTrue(byRecord.record(RecordCodec.decode(c.get(0).line())));
        assertFalse(byRecord.record(RecordCodec.decode(c.get(2).line())), "gap");
        assertEquals(1, byRecord.records());
        assertEquals(OptionalLong.of(3), byRecord.result().firstBadSequence());

        ChainCheck first = ChainCheck.create();
        assertFalse(first.line(c.get(1).line()), "first record missing");
        ChainCheck link = ChainCheck.create();
        assertTrue(link.line(c.get(0).line()));
        assertFalse(link.line(RecordCodec.encode(2, T, "DECISION", "1".repeat(64), Map.of()).line()), "bad link");

        String h = "a".repeat(64);
        assertTrue(ChainCheck.create().line(checkpoint(5, h, null).line()));
        assertTrue(ChainCheck.create(null, KEYS.getPublic()).line(checkpoint(5, h, sign(KEYS, 5, h)).line()));
        assertFalse(ChainCheck.create(null, KEYS.getPublic()).line(checkpoint(5, h, null).line()), "unsigned");
        ChainCheck late = ChainCheck.create();
        assertTrue(late.line(c.get(0).line()));
        assertFalse(late.line(checkpoint(1, c.get(0).hash(), null).line()), "checkpoint not first");
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("purgedThrough", 4);
        b.put("lastPurgedHash", h);
        assertFalse(ChainCheck.create().line(RecordCodec.encode(5, T, "CHECKPOINT", RecordCodec.GENESIS, b).line()));

        ChainCheck expectOk = ChainCheck.create(new Head(2, c.get(1).hash()), null);
        assertTrue(expectOk.line(c.get(0).line()));
        assertTrue(expectOk.line(c.get(1).line()));
        assertTrue(expectOk.line(c.get(2).line()));
        ChainCheck expectBad = ChainCheck.create(new Head(2, h), null);
        assertTrue(expectBad.line(c.get(0).line()));
        assertFalse(expectBad.line(c.get(1).line()), "the expected head differs");
        ChainCheck purgedAway = ChainCheck.create(new Head(3, h), null);
        assertFalse(purgedAway.line(checkpoint(5, h, null).line()), "the expected head was purged");
        assertTrue(purgedAway.result().problem().endsWith("or against a head after 4)"),
                purgedAway.result().problem());
        ChainCheck atCheckpoint = ChainCheck.create(new Head(5, h), null);
        assertTrue(atCheckpoint.line(checkpoint(5, h, null).line()), "the checkpoint's own head, matching");
        assertTrue(atCheckpoint.line(chain(6, h, 1).get(0).line()));
        ChainCheck atCheckpointOther = ChainCheck.create(new Head(5, "c".repeat(64)), null);
        assertFalse(atCheckpointOther.line(checkpoint(5, h, null).line()), "the checkpoint's own head, another hash");
        ChainCheck vouched = ChainCheck.create(new Head(3, h), KEYS.getPublic());
        assertTrue(vouched.line(checkpoint(5, h, sign(KEYS, 5, h)).line()), "vouched for by the signed checkpoint");
        assertTrue(vouched.line(chain(6, h, 1).get(0).line()));
        assertFalse(ChainCheck.create().line("garbage"));
    }
}
