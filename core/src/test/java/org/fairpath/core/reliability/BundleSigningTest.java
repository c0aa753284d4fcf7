package org.fairpath.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.fairpath.core.PemKeys;
import org.fairpath.core.model.ModelBundle;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed bundles: only a bundle whose manifest is signed by a trusted key loads with trusted keys. */
final class BundleSigningTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @TempDir
    static Path shared;
    private static Path original;
    private static final KeyPair OWNER = PemKeys.generate();
    private static final KeyPair ATTACKER = PemKeys.generate();

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws IOException {
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        OutcomeModels m = OutcomeModels.train(gen.catalogue(), gen.stream(3000)
                .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList(),
                TrainingSettings.withDefaults().withBags(1));
        original = shared.resolve("original");
        m.save(original);
    }

    private Path copy(String name) throws IOException {
        Path to = dir.resolve(name);
        try (Stream<Path> s = Files.walk(original)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(original.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static String refused(Path b, KeyPair... trusted) {
        return assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(b,
                Stream.of(trusted).map(KeyPair::getPublic).toList())).getMessage();
    }

    /** An attacker's edit that changes a suggestion-relevant file, then a recomputed manifest. */
    private static void editAndReseal(Path b) throws IOException {
        Path training = b.resolve("training.json");
        ObjectNode root = (ObjectNode) JSON.readTree(training.toFile());
        ((ObjectNode) root.get("settings")).put("confidence", 0.5);
        Files.write(training, JSON.writeValueAsBytes(root));
        BundleAttackTest.reseal(b);
    }

    @Test
    void signedByTrustedKey_loads_andSignReturnsTheFingerprint() throws IOException {
        Path b = copy("b");
        assertEquals(PemKeys.fingerprint(OWNER.getPublic()), ModelBundle.sign(b, OWNER.getPrivate()));
        OutcomeModels m = ModelBundle.load(b, List.of(ATTACKER.getPublic(), OWNER.getPublic()));
        assertEquals(ModelBundle.load(original).version(), m.version());
    }

    @Test
    void unsignedBundle_withTrust_isRefused() throws IOException {
        Path b = copy("b");
        assertTrue(refused(b, OWNER).startsWith("bundle is not signed"), refused(b, OWNER));
    }

    @Test
    void signedByUntrustedKey_isRefusedNamingItsFingerprint() throws IOException {
        Path b = copy("b");
        ModelBundle.sign(b, ATTACKER.getPrivate());
        String m = refused(b, OWNER);
        assertTrue(m.contains("signed by key " + PemKeys.fingerprint(ATTACKER.getPublic()) + ", which is not trusted")
                && m.contains(PemKeys.fingerprint(OWNER.getPublic())), m);
    }

    @Test
    void forgedManifest_withSignatureFromAnotherKeyPosingAsTrusted_isRefused() throws Exception {
        Path b = copy("b");
        editAndReseal(b);
        // the attacker signs the forged manifest with their own key but names and embeds the trusted public key
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(ATTACKER.getPrivate());
        s.update(Files.readAllBytes(b.resolve("manifest.json")));
        ObjectNode sig = JSON.createObjectNode();
        sig.put("schemaVersion", 1);
        sig.put("algorithm", "Ed25519");
        sig.put("signedFile", "manifest.json");
        sig.put("keyFingerprint", PemKeys.fingerprint(OWNER.getPublic()));
        sig.put("publicKey", Base64.getEncoder().encodeToString(OWNER.getPublic().getEncoded()));
        sig.put("signature", Base64.getEncoder().encodeToString(s.sign()));
        Files.write(b.resolve("manifest.sig"), JSON.writeValueAsBytes(sig));
        String m = refused(b, OWNER);
        assertTrue(m.contains("does not verify over manifest.json"), m);
    }

    @Test
    void signatureOverAnOlderManifest_isRefused() throws IOException {
        Path b = copy("b");
        ModelBundle.sign(b, OWNER.getPrivate());
        editAndReseal(b); // manifest.sig still holds the owner's signature of the earlier manifest
        String m = refused(b, OWNER);
        assertTrue(m.contains("does not verify over manifest.json"), m);
        // without trust too: a present signature that does not verify is refused, not ignored
        String untrusted = assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(b)).getMessage();
        assertTrue(untrusted.contains("does not verify over manifest.json"), untrusted);
        assertThrows(IllegalArgumentException.class, () -> ModelBundle.signer(b));
        Files.delete(b.resolve("manifest.sig")); // removed, the bundle is an unsigned one again
        assertTrue(ModelBundle.signer(b).isEmpty());
    }

    @Test
    void bundleEditedAfterSigning_isRefusedNamingTheFile() throws IOException {
        Path b = copy("b");
        ModelBundle.sign(b, OWNER.getPrivate());
        Path services = b.resolve("services.json");
        Files.writeString(services, Files.readString(services).replace("\"intensity\" : 2", "\"intensity\" : 1"));
        String m = refused(b, OWNER);
        assertTrue(m.startsWith("bundle file services.json does not match its SHA-256"), m);
    }

    @Test
    void noTrustedKeys_isAnError() throws IOException {
        Path b = copy("b");
        assertThrows(IllegalArgumentException.class, () -> ModelBundle.load(b, List.of()));
    }

    @Test
    void keyFiles_roundTrip_privateOwnerOnly_andBadFilesRefused() throws Exception {
        Path priv = dir.resolve("k.key");
        Path pub = dir.resolve("k.pub");
        PemKeys.write(OWNER, priv, pub);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        assertEquals(PemKeys.fingerprint(OWNER.getPublic()), PemKeys.fingerprint(PemKeys.readPublic(pub)));
        Path b = copy("b");
        ModelBundle.sign(b, PemKeys.readPrivate(priv));
        ModelBundle.load(b, List.of(PemKeys.readPublic(pub)));
        assertThrows(IllegalArgumentException.class, () -> PemKeys.write(ATTACKER, priv, dir.resolve("other.pub")));
        String swapped = assertThrows(IllegalArgumentException.class, () -> PemKeys.readPrivate(pub)).getMessage();
        assertTrue(swapped.contains("BEGIN PRIVATE KEY") && swapped.contains("BEGIN PUBLIC KEY"), swapped);
        Path big = dir.resolve("big.pub");
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(1L << 30);
        }
        String tooBig = assertThrows(IllegalArgumentException.class, () -> PemKeys.readPublic(big)).getMessage();
        assertTrue(tooBig.contains("1073741824 bytes"), tooBig);
        Path rsa = dir.resolve("rsa.pub");
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        Files.writeString(rsa, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                g.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        String notEd = assertThrows(IllegalArgumentException.class, () -> PemKeys.readPublic(rsa)).getMessage();
        assertTrue(notEd.contains("does not hold an Ed25519 public key"), notEd);
    }
}
