package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AnchorsTest {

    private static final KeyPair KEYS = Anchors.generateKeys();
    private static final Head HEAD = new Head(42, "ab".repeat(32));
    private static final Instant T = Instant.parse("2026-05-05T05:05:05Z");

    @TempDir
    Path dir;

    @Test
    void head_parse_andItsErrors() {
        assertEquals(HEAD, Head.parse("42:" + "ab".repeat(32)));
        assertEquals("42:" + "ab".repeat(32), HEAD.toString());
        for (String bad : new String[] {null, "", "42", ":abc", "x:" + "ab".repeat(32), "42:" + "AB".repeat(32),
            "42:" + "ab".repeat(31), "-1:" + "ab".repeat(32)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Head.parse(bad), bad);
            assertFalse(e.getMessage().isBlank());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Head.parse("x:1")).getMessage()
                .contains("not a whole number"));
        assertThrows(NullPointerException.class, () -> new Head(1, null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Head.parse(":" + "ab".repeat(32)))
                .getMessage().contains("is not SEQ:HASH"), "an empty sequence is named as such");
    }

    @Test
    void trustKeys_missingOrNotEd25519_areRefusedNamingTheField() throws Exception {
        Path anchor = dir.resolve("head.sig");
        Anchors.writeSignedHead(Anchors.signHead(HEAD, T, KEYS), anchor);
        java.security.PublicKey ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Anchors.readSignedHead(anchor, null))
                .getMessage().startsWith("trust is missing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Anchors.readSignedHead(anchor, ec))
                .getMessage().startsWith("trust is a EC key"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DecisionLog.options().trust(ec))
                .getMessage().startsWith("trust is a EC key"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DecisionLog.options().trust(null))
                .getMessage().startsWith("trust is missing"));
        assertFalse(ChainCheck.create().line(""), "an empty line fails the check");
    }

    @Test
    void signedHead_signatureCoversHeadAndTime() throws IOException {
        Anchors.SignedHead s = Anchors.signHead(HEAD, T, KEYS);
        assertTrue(Anchors.verifies(s, KEYS.getPublic()));
        assertFalse(Anchors.verifies(new Anchors.SignedHead(new Head(41, HEAD.hash()), T, s.signature()),
                KEYS.getPublic()));
        assertFalse(Anchors.verifies(new Anchors.SignedHead(HEAD, T.plusSeconds(1), s.signature()),
                KEYS.getPublic()));
        assertFalse(Anchors.verifies(s, Anchors.generateKeys().getPublic()));
        assertEquals("fairpath-signed-head-v1\n42:" + "ab".repeat(32) + "\n2026-05-05T05:05:05Z\n",
                new String(s.payload(), StandardCharsets.UTF_8));
        Path f = dir.resolve("head.sig");
        Anchors.writeSignedHead(s, f);
        assertEquals(s, Anchors.readSignedHead(f, KEYS.getPublic()));
        assertFalse(Files.exists(dir.resolve("head.sig.tmp")));
    }

    @Test
    void readSignedHead_malformedFiles_areRefusedWithWhatWasExpected() throws IOException {
        Path f = dir.resolve("h");
        for (String bad : new String[] {"", "fairpath-signed-head-v1\n42:x\nT\nS\n",
            "other\n42:" + "ab".repeat(32) + "\n2026-05-05T05:05:05Z\nAAAA\n",
            "fairpath-signed-head-v1\n42:" + "ab".repeat(32) + "\nnot-a-time\nAAAA\n",
            "fairpath-signed-head-v1\n42:" + "ab".repeat(32) + "\n2026-05-05T05:05:05Z\nAAAA\nextra\n"}) {
            Files.writeString(f, bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Anchors.readSignedHead(f, KEYS.getPublic()), bad);
            assertTrue(e.getMessage().startsWith("anchor " + f), e.getMessage());
        }
    }

    @Test
    void keys_roundTrip_refuseOverwriteMismatchAndWrongFiles() throws Exception {
        Path priv = dir.resolve("k");
        Path pub = dir.resolve("k.pub");
        Anchors.writeKeys(KEYS, priv, pub);
        // keygen's format and permissions: PEM, the private key owner-only
        assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertTrue(Files.readString(priv).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(priv));
        Path kgPriv = dir.resolve("keygen.pem");
        Path kgPub = dir.resolve("keygen.pub.pem");
        KeyPair kg = org.fairpath.core.PemKeys.generate();
        org.fairpath.core.PemKeys.write(kg, kgPriv, kgPub); // what `fairpath keygen` writes
        assertTrue(Anchors.verifies(Anchors.signHead(HEAD, T, Anchors.readKeys(kgPriv, kgPub)), kg.getPublic()));
        KeyPair back = Anchors.readKeys(priv, pub);
        assertTrue(Anchors.verifies(Anchors.signHead(HEAD, T, back), KEYS.getPublic()));
        assertThrows(IllegalArgumentException.class, () -> Anchors.writeKeys(KEYS, priv, dir.resolve("new.pub")));
        assertThrows(IllegalArgumentException.class, () -> Anchors.writeKeys(KEYS, dir.resolve("new"), pub));

        Path otherPriv = dir.resolve("o");
        Path otherPub = dir.resolve("o.pub");
        Anchors.writeKeys(Anchors.generateKeys(), otherPriv, otherPub);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Anchors.readKeys(priv, otherPub));
        assertTrue(e.getMessage().contains("not a pair"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Anchors.readPublicKey(priv));
        assertTrue(e.getMessage().contains("BEGIN PUBLIC KEY"), e.getMessage());
        Files.writeString(dir.resolve("b64"), "-----BEGIN PUBLIC KEY-----\n%%%\n-----END PUBLIC KEY-----\n");
        e = assertThrows(IllegalArgumentException.class, () -> Anchors.readPublicKey(dir.resolve("b64")));
        assertTrue(e.getMessage().contains("b64"), e.getMessage());
        Files.writeString(dir.resolve("shortpriv"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        e = assertThrows(IllegalArgumentException.class, () -> Anchors.readKeys(dir.resolve("shortpriv"), pub));
        assertTrue(e.getMessage().contains("shortpriv"), e.getMessage());
        KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> Anchors.readSignedHead(priv, ec.getPublic()));
        assertThrows(IllegalArgumentException.class, () -> Anchors.checkEd25519(null, "trust"));
        assertThrows(IllegalArgumentException.class, () -> Anchors.signHead(HEAD, T, ec));
    }
}
