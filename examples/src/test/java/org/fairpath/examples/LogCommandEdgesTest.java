package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.fairpath.core.PemKeys;
import org.fairpath.core.log.DecisionLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 (fresh-eyes round 3), the small ones: what keygen, sign-head and verify-log say at the edges. */
final class LogCommandEdgesTest {

    @TempDir
    Path dir;

    private static void usage(DemoCommandTest.Run r, String fragment) {
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(fragment), r.err());
    }

    @Test
    void keygen_directoryAsOut_refusedAndNothingWrittenBesideIt() throws IOException {
        Files.createDirectories(dir.resolve("kg"));
        usage(DemoCommandTest.run("keygen", "--out", dir.resolve("kg") + "/"), "names a directory");
        usage(DemoCommandTest.run("keygen", "--out", dir.resolve("kg").toString()), "names a directory");
        usage(DemoCommandTest.run("keygen", "--out", dir.resolve("new") + "/"), "names a directory");
        usage(DemoCommandTest.run("keygen", "--out", dir.resolve("missing/k").toString()),
                "the directory " + dir.resolve("missing") + " does not exist");
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "only kg itself: no kg.key or kg.pub beside it");
        }
        assertEquals(0, DemoCommandTest.run("keygen", "--out", dir.resolve("kg/owner").toString()).status());
        assertTrue(Files.isRegularFile(dir.resolve("kg/owner.key")));
    }

    @Test
    void signHead_newKeysIntoAMissingDirectory_saysTheDirectoryIsMissing() throws IOException {
        Path log = OutputSafetyTest.smallLog(dir.resolve("d.jsonl"), 2);
        DemoCommandTest.Run r = DemoCommandTest.run("sign-head", log.toString(), "--key",
                dir.resolve("nokeys/h.key").toString(), "--public", dir.resolve("nokeys/h.pub").toString(), "--out",
                dir.resolve("h.sig").toString(), "--new-keys");
        usage(r, "--key " + dir.resolve("nokeys/h.key") + ": the directory " + dir.resolve("nokeys")
                + " does not exist");
        assertFalse(r.err().contains("no such key file"), r.err());
    }

    @Test
    void verifyLog_signedHeadFileLayoutErrors_namedPrecisely() throws IOException {
        Path log = OutputSafetyTest.smallLog(dir.resolve("d.jsonl"), 2);
        String key = dir.resolve("k.key").toString();
        String pub = dir.resolve("k.pub").toString();
        Path sig = dir.resolve("h.sig");
        assertEquals(0, DemoCommandTest.run("sign-head", log.toString(), "--key", key, "--public", pub, "--out",
                sig.toString(), "--new-keys").status());
        String good = Files.readString(sig);
        Map<String, String> cases = Map.of(
                good + "\n", "it has 1 empty line(s) after the signature line",
                good.replace("\n", "\r\n"), "its lines end in CR LF",
                "\uFEFF" + good, "it starts with a byte order mark",
                good + "extra\n", "it has 1 line(s) after the signature line",
                good.substring(0, good.length() - 1), "its last line has no line feed at the end",
                "", "the file is empty");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path bad = Files.writeString(dir.resolve("bad.sig"), c.getKey());
            DemoCommandTest.Run r = DemoCommandTest.run("verify-log", log.toString(), "--anchor", bad.toString(),
                    "--trust", pub);
            assertEquals(1, r.status(), r.out() + r.err());
            assertTrue(r.out().contains(c.getValue()), c.getValue() + " / " + r.out());
        }
        DemoCommandTest.Run ok = DemoCommandTest.run("verify-log", log.toString(), "--anchor", sig.toString(),
                "--trust", pub);
        assertEquals(0, ok.status(), ok.out());
        assertTrue(ok.out().contains(", no checkpoints (never purged);"), ok.out());
        assertFalse(ok.out().contains("checkpoints signed"), ok.out());
    }

    @Test
    void verifyLogAndSignHead_purgedLogs_checkpointWordingAndWhatToDo() throws IOException {
        Path keyBase = dir.resolve("cp");
        assertEquals(0, DemoCommandTest.run("keygen", "--out", keyBase.toString()).status());
        KeyPair keys = new KeyPair(PemKeys.readPublic(Path.of(keyBase + ".pub")),
                PemKeys.readPrivate(Path.of(keyBase + ".key")));
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        for (boolean signed : new boolean[] {true, false}) {
            Path log = dir.resolve(signed ? "signed.jsonl" : "unsigned.jsonl");
            PurgedLogAuditTest.MovableClock clock = new PurgedLogAuditTest.MovableClock(t0);
            DecisionLog.Options o = DecisionLog.options().clock(clock);
            try (DecisionLog l = (signed ? o.checkpointKeys(keys) : o).open(log)) {
                for (int i = 0; i < 10; i++) {
                    l.append("DECISION", Map.of("i", i));
                }
                clock.now = t0.plus(Duration.ofDays(300));
                l.append("DECISION", Map.of("i", 10));
                assertEquals(10, l.purge(Duration.ofDays(200), "retention"));
            }
            DemoCommandTest.Run v = DemoCommandTest.run("verify-log", log.toString(), "--trust", keyBase + ".pub");
            DemoCommandTest.Run s = DemoCommandTest.run("sign-head", log.toString(), "--key", keyBase + ".key",
                    "--public", keyBase + ".pub", "--out", dir.resolve(signed + ".sig").toString());
            if (signed) {
                assertEquals(0, v.status(), v.out());
                assertTrue(v.out().contains(", its CHECKPOINT signed by the trusted key;"), v.out());
                assertEquals(0, s.status(), s.out() + s.err());
            } else {
                assertEquals(1, v.status(), v.out());
                assertEquals(1, s.status(), s.out() + s.err());
                assertTrue(s.out().contains("CHECKPOINT 10 is not signed by the trusted key"), s.out());
                assertTrue(s.out().contains("Nothing signed with this key vouches for the log's starting CHECKPOINT"
                        + " 10") && s.out().contains("checkpointKeys"), s.out());
                // as README and the message say: a writer with the keys refuses this log too
                Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                        () -> DecisionLog.options().checkpointKeys(keys).open(log).close());
                assertTrue(String.valueOf(e.getMessage()).contains("CHECKPOINT 10 is not signed"), e.getMessage());
            }
        }
        DemoCommandTest.Run help = DemoCommandTest.run("sign-head", "--help");
        assertTrue(help.out().replaceAll("\\s+", " ").contains("A log purged without checkpoint keys is refused"),
                help.out());
    }

    @Test
    void verifyLog_notARegularFile_saysWhatItIsAndNeverBlocks() throws Exception {
        usage(DemoCommandTest.run("verify-log", dir.toString()), dir + " is a directory; a regular file is needed");
        if (Files.exists(Path.of("/dev/zero"))) {
            usage(DemoCommandTest.run("verify-log", "/dev/zero"), "/dev/zero is not a regular file (a device, FIFO");
        }
        Path fifo = dir.resolve("fifo");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            made = false; // no mkfifo on this system: the FIFO case is not checked here
        }
        if (made) {
            Path log = OutputSafetyTest.smallLog(dir.resolve("d.jsonl"), 1);
            assertEquals(0, DemoCommandTest.run("keygen", "--out", dir.resolve("k").toString()).status());
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                usage(DemoCommandTest.run("verify-log", fifo.toString()), "is not a regular file");
                usage(DemoCommandTest.run("verify-log", log.toString(), "--anchor", fifo.toString(), "--trust",
                        dir.resolve("k.pub").toString()), "--anchor " + fifo + " is not a regular file");
            });
        }
        usage(DemoCommandTest.run("verify-log", dir.resolve("nope.jsonl").toString()), "does not exist");
    }
}
