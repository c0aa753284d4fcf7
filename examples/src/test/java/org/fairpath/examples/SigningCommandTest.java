package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.fairpath.core.PemKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keygen, sign and --trust from the command line. */
final class SigningCommandTest {

    @TempDir
    Path dir;

    private static void oneLine(DemoCommandTest.Run r, int status, String start) {
        assertEquals(status, r.status(), r.err() + r.out());
        assertTrue(r.err().startsWith(start), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(!r.err().contains("\tat "), r.err());
    }

    @Test
    void keygenSignTrust_endToEnd() throws IOException {
        Path bundle = dir.resolve("bundle");
        String b = bundle.toString();
        String profile = "profile.json";
        assertEquals(0, DemoCommandTest.run("train", "--out", b, "--cases", "3000", "--bags", "0", "--legal-basis",
                "SGB III section 35", "--contact", "ai-office@pes.example").status());
        String card = Files.readString(bundle.resolve("card.json"));
        assertTrue(card.contains("\"legalBasis\" : \"SGB III section 35\"") && card.contains("ai-office@pes.example")
                && card.contains("\"organisation\" : \"not stated\""), card);
        oneLine(DemoCommandTest.run("train", "--out", dir.resolve("b2").toString(), "--contact", " "), 2,
                "fairpath train: model card: contact is empty");
        String owner = dir.resolve("owner").toString();
        DemoCommandTest.Run gen = DemoCommandTest.run("keygen", "--out", owner);
        assertEquals(0, gen.status(), gen.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(owner + ".key"))));
        String fingerprint = PemKeys.fingerprint(PemKeys.readPublic(Path.of(owner + ".pub")));
        assertTrue(gen.out().contains(fingerprint), gen.out());
        assertEquals(0, DemoCommandTest.run("keygen", "--out", dir.resolve("other").toString()).status());

        // unsigned: recommend and explain say so
        DemoCommandTest.Run unsigned = DemoCommandTest.run("recommend", "--bundle", b, "--profile", profile);
        assertTrue(unsigned.out().contains("Bundle unsigned: nothing says who made it"), unsigned.out());
        assertTrue(DemoCommandTest.run("explain", "--bundle", b, "--profile", profile).out()
                .contains("Bundle unsigned"));
        // unsigned bundle with --trust: refused
        oneLine(DemoCommandTest.run("recommend", "--bundle", b, "--profile", profile, "--trust", owner + ".pub"), 1,
                "fairpath recommend: bundle is not signed");

        DemoCommandTest.Run sign = DemoCommandTest.run("sign", "--bundle", b, "--key", owner + ".key");
        assertEquals(0, sign.status(), sign.err());
        assertTrue(sign.out().contains(fingerprint), sign.out());

        DemoCommandTest.Run ok = DemoCommandTest.run("recommend", "--bundle", b, "--profile", profile, "--trust",
                dir.resolve("other.pub").toString(), "--trust", owner + ".pub");
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().startsWith("Suggestions for js-0042"), ok.out());
        assertTrue(ok.out().contains("Bundle signed by key " + fingerprint + " (a trusted key)"), ok.out());
        DemoCommandTest.Run ex = DemoCommandTest.run("explain", "--bundle", b, "--profile", profile, "--trust",
                owner + ".pub");
        assertEquals(0, ex.status(), ex.err());
        assertTrue(ex.out().contains("Bundle signed by key " + fingerprint + " (a trusted key)"), ex.out());
        DemoCommandTest.Run noTrust = DemoCommandTest.run("recommend", "--bundle", b, "--profile", profile);
        assertTrue(noTrust.out().contains("Bundle signed by key " + fingerprint + " (signature verifies; key not"
                + " checked against a trusted key"), noTrust.out());

        // a key that did not sign it: refused naming the signer
        DemoCommandTest.Run untrusted = DemoCommandTest.run("explain", "--bundle", b, "--profile", profile,
                "--trust", dir.resolve("other.pub").toString());
        oneLine(untrusted, 1, "fairpath explain: bundle is signed by key " + fingerprint + ", which is not trusted");

        // a private key given as trusted, a missing key file, an existing key name
        oneLine(DemoCommandTest.run("recommend", "--bundle", b, "--profile", profile, "--trust", owner + ".key"), 1,
                "fairpath recommend: key file ");
        oneLine(DemoCommandTest.run("recommend", "--bundle", b, "--profile", profile, "--trust", "nope.pub"), 2,
                "fairpath recommend: --trust nope.pub does not exist");
        oneLine(DemoCommandTest.run("recommend", "--bundle", b, "--profile", profile, "--trust", ""), 2,
                "fairpath recommend: --trust is empty; allowed: the path of a public key file");
        oneLine(DemoCommandTest.run("keygen", "--out", owner), 1, "fairpath keygen: ");
        oneLine(DemoCommandTest.run("sign", "--bundle", dir.resolve("missing").toString(), "--key", owner + ".key"),
                1, "fairpath sign: bundle directory ");

        // issue 12: re-signing says whose signature it replaced; the key is never the signature file it writes
        DemoCommandTest.Run again = DemoCommandTest.run("sign", "--bundle", b, "--key", dir.resolve("other.key")
                .toString());
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains("(replacing its earlier signature by key " + fingerprint + ")"), again.out());
        Path inBundle = bundle.resolve("manifest.sig");
        Files.copy(Path.of(owner + ".key"), inBundle, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        oneLine(DemoCommandTest.run("sign", "--bundle", b, "--key", inBundle.toString()), 2,
                "fairpath sign: the signature file ");
        assertEquals(Files.readString(Path.of(owner + ".key")), Files.readString(inBundle), "the key is intact");
    }
}
