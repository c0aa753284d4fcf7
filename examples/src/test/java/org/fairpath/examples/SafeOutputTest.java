package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 (fresh-eyes round 3): text from a file or the user never reaches the terminal raw. A record type of
 * {@code "\r\u001b[2K"} followed by a fake "intact: ..." made verify-log's NOT-intact line show only the fake one.
 * Every command family is fed ESC, CR, LF and U+202E in its data, and every line printed must hold none of them.
 */
final class SafeOutputTest {

    /** ESC (clear line), CR, LF, RIGHT-TO-LEFT OVERRIDE. */
    static final String EVIL = "\u001b[2K\r\nintact\u202E";

    @TempDir
    Path dir;

    /** Out and err hold no raw control or bidi character; every line break is one the command meant. */
    private static void clean(DemoCommandTest.Run r, int maxOutLines) {
        for (String s : List.of(r.out(), r.err())) {
            assertFalse(s.chars().anyMatch(c -> c == 0x1b || c == '\r' || c == 0x202e), s);
        }
        assertTrue(r.out().lines().count() <= maxOutLines, r.out());
        assertTrue(r.err().lines().count() <= 1, r.err());
    }

    @Test
    void verifyLog_forgedRecordTypeWithTerminalControls_shownEscapedOnOneLine() throws IOException {
        Path log = OutputSafetyTest.smallLog(dir.resolve("d.jsonl"), 3);
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        // the tester's spoof: the type holds CR, ESC[2K and a fake verdict (JSON-escaped in the file, as they wrote it)
        lines.set(1, lines.get(1).replace("\"type\":\"DECISION\"",
                "\"type\":\"\\r\\u001b[2Kintact: 3 records, chain verified\\n\\u202e\""));
        Files.write(log, lines);
        DemoCommandTest.Run r = DemoCommandTest.run("verify-log", log.toString());
        assertEquals(1, r.status(), r.out() + r.err());
        clean(r, 1);
        assertTrue(r.out().startsWith("NOT intact: "), r.out());
        assertTrue(r.out().contains("\\u000D\\u001B[2Kintact: 3 records, chain verified\\u000A\\u202E"), r.out());
    }

    @Test
    void logCommands_pathsWithControls_escapedInNormalOutputAndErrors() throws IOException {
        Path log = OutputSafetyTest.smallLog(dir.resolve("log" + EVIL + ".jsonl"), 2);
        DemoCommandTest.Run v = DemoCommandTest.run("verify-log", log.toString());
        assertEquals(0, v.status(), v.err());
        clean(v, 1);
        assertTrue(v.out().contains("log\\u001B[2K\\u000D\\u000Aintact\\u202E.jsonl"), v.out());

        Path keys = dir.resolve("k" + EVIL);
        DemoCommandTest.Run k = DemoCommandTest.run("keygen", "--out", keys.toString());
        assertEquals(0, k.status(), k.err());
        clean(k, 2);
        assertTrue(k.out().contains("k\\u001B[2K\\u000D\\u000Aintact\\u202E.key"), k.out());

        DemoCommandTest.Run s = DemoCommandTest.run("sign-head", log.toString(), "--key", keys + ".key", "--public",
                keys + ".pub", "--out", dir.resolve("h" + EVIL + ".sig").toString());
        assertEquals(0, s.status(), s.err());
        clean(s, 1);
        assertTrue(s.out().contains("h\\u001B[2K\\u000D\\u000Aintact\\u202E.sig"), s.out());

        // errors: a missing file and a wrong anchor, both naming user-given paths
        DemoCommandTest.Run missing = DemoCommandTest.run("verify-log", dir.resolve("no" + EVIL).toString());
        assertEquals(2, missing.status());
        clean(missing, 0);
        Path anchor = Files.writeString(dir.resolve("a" + EVIL + ".sig"), "junk" + EVIL + "\n");
        DemoCommandTest.Run bad = DemoCommandTest.run("verify-log", log.toString(), "--anchor", anchor.toString(),
                "--trust", keys + ".pub");
        assertEquals(1, bad.status());
        clean(bad, 1);
    }

    @Test
    void audit_labelsAndPathWithControls_escaped() throws IOException {
        StringBuilder t = new StringBuilder("sex,referred\n");
        for (int i = 0; i < 60; i++) {
            t.append(i % 2 == 0 ? "\"F" + EVIL + "\"" : "M").append(',').append(i % 3 == 0 ? "yes" : "no")
                    .append('\n');
        }
        Path in = Files.writeString(dir.resolve("in.csv"), t);
        DemoCommandTest.Run r = DemoCommandTest.run("audit", "--input", in.toString(), "--protected", "sex",
                "--decision", "referred", "--favourable-decision", "yes", "--out",
                dir.resolve("r" + EVIL + ".json").toString());
        assertTrue(r.status() == 0 || r.status() == 3, r.out() + r.err());
        clean(r, 100);
        assertTrue(r.out().contains("r\\u001B[2K\\u000D\\u000Aintact\\u202E.json"), r.out());
    }

    @Test
    void safePrintStream_everyPrintPath_escapesAllButLineBreaks() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream p = SafePrintStream.of(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        p.print("a\u001b");
        p.println("b\r");
        p.printf("%s%n", "c\u202e\u2028");
        p.println((Object) "d\u0085");
        p.print('\u0007');
        p.println(new char[] {'e', '\u200b'});
        p.append("f\u00a0").append('\n');
        assertEquals("a\\u001Bb\\u000D\nc\\u202E\\u2028\nd\\u0085\n\\u0007e\\u200B\nf\\u00A0\n",
                bytes.toString(StandardCharsets.UTF_8));
        assertEquals("x\\u000Ay \\u000D", Main.safe("x\ny \r"));
        assertEquals("x y \\u000D", Main.oneLine("x\ny \r"));
    }

    @Test
    void everyCommand_printsThroughTheEscapingStream() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Main.commandLine(sink, sink).getSubcommands().forEach((name, c) -> {
            Main.FairpathCommand command = c.getCommand();
            assertTrue(command.out instanceof SafePrintStream && command.err instanceof SafePrintStream, name);
        });
    }
}
