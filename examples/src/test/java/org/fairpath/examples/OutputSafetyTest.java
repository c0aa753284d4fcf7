package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fairpath.core.log.DecisionLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 (fresh-eyes round 3): a command never writes over one of its inputs (however the path is spelled), never
 * replaces an existing file without --overwrite, and writes its outputs failure-atomically.
 */
final class OutputSafetyTest {

    @TempDir
    Path dir;

    static Path smallLog(Path file, int records) throws IOException {
        try (DecisionLog l = DecisionLog.open(file, DecisionLog.Durability.FSYNC_EACH)) {
            for (int i = 0; i < records; i++) {
                l.append("DECISION", Map.of("i", i));
            }
        }
        return file;
    }

    private static void refused(DemoCommandTest.Run r, String... fragments) {
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), r.err());
        }
    }

    private DemoCommandTest.Run signHead(Path log, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("sign-head", log.toString(), "--key",
                dir.resolve("k.key").toString(), "--public", dir.resolve("k.pub").toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        return DemoCommandTest.run(args.toArray(new String[0]));
    }

    @Test
    void anOutputInsideADirectoryInput_isRefused_soABundleIsNeverWrittenInto() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.writeString(bundle.resolve("card.md"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), bundle);
        Files.createDirectories(dir.resolve("bundle-other"));
        for (Path out : List.of(bundle.resolve("card.md"), bundle.resolve("notice.html"), link.resolve("n.html"),
                dir.resolve("bundle/../bundle/x.html"))) {
            Main.UsageException e = org.junit.jupiter.api.Assertions.assertThrows(Main.UsageException.class,
                    () -> OutputPaths.refuseClashes(OutputPaths.named("--bundle", bundle),
                            OutputPaths.named("--out", out)));
            assertTrue(e.getMessage().contains("lies inside the --bundle directory"), e.getMessage());
        }
        // a sibling whose name starts the same, and the directory's parent, are fine
        OutputPaths.refuseClashes(OutputPaths.named("--bundle", bundle),
                OutputPaths.named("--out", dir.resolve("bundle-other/x.html")));
        OutputPaths.refuseClashes(OutputPaths.named("--bundle", bundle), OutputPaths.named("--out",
                dir.resolve("x.html")));
    }

    @Test
    void signHead_outNamingAnInput_refusedAndNothingChanges() throws IOException {
        Path log = smallLog(dir.resolve("d.jsonl"), 3);
        assertEquals(0, DemoCommandTest.run("keygen", "--out", dir.resolve("k").toString()).status());
        byte[] before = Files.readAllBytes(log);
        byte[] key = Files.readAllBytes(dir.resolve("k.key"));
        Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("link.sig"), log);
        // the log itself, through "..", through a link; with and without --overwrite
        refused(signHead(log, log), "--out", "is the LOG file");
        refused(signHead(log, log, "--overwrite"), "--out", "is the LOG file");
        refused(signHead(log, dir.resolve("sub/../d.jsonl"), "--overwrite"), "is the LOG file");
        refused(signHead(log, dir.resolve("link.sig"), "--overwrite"), "is the LOG file");
        // a key file, even with --overwrite
        refused(signHead(log, dir.resolve("k.key"), "--overwrite"), "is the --key file");
        refused(signHead(log, dir.resolve("k.pub"), "--overwrite"), "is the --public file");
        // the lock file a live writer holds
        refused(signHead(log, dir.resolve("d.jsonl.lock"), "--overwrite"), "is the log's lock file");
        assertArrayEquals(before, Files.readAllBytes(log));
        assertArrayEquals(key, Files.readAllBytes(dir.resolve("k.key")));
        assertEquals(0, DemoCommandTest.run("verify-log", log.toString()).status());
    }

    @Test
    void signHead_logHeldByALiveWriter_outOnTheLogRefused() throws IOException {
        Path log = smallLog(dir.resolve("d.jsonl"), 2);
        assertEquals(0, DemoCommandTest.run("keygen", "--out", dir.resolve("k").toString()).status());
        try (DecisionLog writer = DecisionLog.open(log, DecisionLog.Durability.FSYNC_EACH)) {
            refused(signHead(log, log, "--overwrite"), "is the LOG file");
            writer.append("DECISION", Map.of("i", 9));
        }
        assertEquals(3, DecisionLog.verify(log).records());
    }

    @Test
    void signHead_existingOut_needsOverwrite_thenReplacedAtomically() throws IOException {
        Path log = smallLog(dir.resolve("d.jsonl"), 3);
        assertEquals(0, DemoCommandTest.run("keygen", "--out", dir.resolve("k").toString()).status());
        Path other = dir.resolve("notes.txt");
        Files.writeString(other, "keep me\n");
        refused(signHead(log, other), "--out " + other + " already exists", "--overwrite");
        assertEquals("keep me\n", Files.readString(other));
        DemoCommandTest.Run ok = signHead(log, other, "--overwrite");
        assertEquals(0, ok.status(), ok.err());
        DemoCommandTest.Run v = DemoCommandTest.run("verify-log", log.toString(), "--anchor", other.toString(),
                "--trust", dir.resolve("k.pub").toString());
        assertEquals(0, v.status(), v.out() + v.err());
        // a directory as --out is refused, and no temporary file is left anywhere
        Files.createDirectories(dir.resolve("adir"));
        refused(signHead(log, dir.resolve("adir"), "--overwrite"), "is a directory");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void writeAtomically_failingWriter_leavesOldFileAndNoTemporary() throws IOException {
        Path out = dir.resolve("report.json");
        Files.writeString(out, "old");
        assertThrows(IOException.class, () -> OutputPaths.writeAtomically(out, true, tmp -> {
            Files.writeString(tmp, "half of the new report");
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("old", Files.readString(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(out), s.toList());
        }
        // without overwrite, an output that appeared meanwhile is not replaced
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> OutputPaths.writeString(out, false, "new"));
        assertEquals("old", Files.readString(out));
        OutputPaths.writeString(out, true, "new");
        assertEquals("new", Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    void audit_existingOut_refusedUnlessOverwrite() throws IOException {
        StringBuilder t = new StringBuilder("sex,referred\n");
        for (int i = 0; i < 40; i++) {
            t.append(i % 2 == 0 ? "F," : "M,").append(i % 3 == 0 ? "yes" : "no").append('\n');
        }
        Path in = Files.writeString(dir.resolve("in.csv"), t);
        Path out = Files.writeString(dir.resolve("report.json"), "old report");
        String[] args = {"audit", "--input", in.toString(), "--protected", "sex", "--decision", "referred",
            "--favourable-decision", "yes", "--out", out.toString()};
        refused(DemoCommandTest.run(args), "--out " + out + " already exists", "--overwrite");
        assertEquals("old report", Files.readString(out));
        List<String> again = new java.util.ArrayList<>(List.of(args));
        again.add("--overwrite");
        assertEquals(0, DemoCommandTest.run(again.toArray(new String[0])).status());
        assertTrue(Files.readString(out).contains("\"schemaVersion\""));
    }

    @Test
    void monitor_existingOutOrMetrics_refusedBeforeAnythingIsRead() throws IOException {
        Path log = smallLog(dir.resolve("d.jsonl"), 1);
        Path policy = Files.writeString(dir.resolve("policy.json"), "{}");
        Path html = Files.writeString(dir.resolve("m.html"), "old");
        Path prom = Files.writeString(dir.resolve("m.prom"), "old");
        String bundle = dir.resolve("no-bundle").toString();
        refused(DemoCommandTest.run("monitor", "--bundle", bundle, "--log", log.toString(), "--policy",
                policy.toString(), "--out", html.toString()), "--out " + html + " already exists");
        refused(DemoCommandTest.run("monitor", "--bundle", bundle, "--log", log.toString(), "--policy",
                policy.toString(), "--out", dir.resolve("new.html").toString(), "--metrics", prom.toString()),
                "--metrics " + prom + " already exists");
        DemoCommandTest.Run over = DemoCommandTest.run("monitor", "--bundle", bundle, "--log", log.toString(),
                "--policy", policy.toString(), "--out", html.toString(), "--metrics", prom.toString(), "--overwrite");
        assertTrue(!over.err().contains("already exists"), over.err()); // it gets further (and fails on the policy)
        assertEquals("old", Files.readString(html));
        assertEquals("old", Files.readString(prom));
    }
}
