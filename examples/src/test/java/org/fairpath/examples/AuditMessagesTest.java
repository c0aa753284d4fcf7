package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fairpath.core.log.DecisionLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, third round: what {@code fairpath audit} says. Suppressed groups are counted on the console and the notes
 * reach the HTML page; a file that is not UTF-8, text in a banded log field and an output directory that does not
 * exist are each one line saying where and what; "Wrote PATH" cannot carry control characters to the terminal.
 * Oracle: byte offsets and line numbers of the files written here, counted by hand.
 */
final class AuditMessagesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** 30 F and 30 M (half of each referred), 3 X, and a Cyrillic "\u041C" twice. */
    private Path groups() throws IOException {
        StringBuilder t = new StringBuilder("sex,referred\n");
        for (int i = 0; i < 30; i++) {
            t.append("F,").append(i % 2 == 0 ? "yes" : "no").append('\n');
            t.append("M,").append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        t.append("X,yes\nX,no\nX,no\n\u041C,yes\n\u041C,no\n");
        return write("g.csv", t.toString());
    }

    @Test
    void suppressedGroups_areCountedOnTheConsole_andNotesReachTheHtml() throws IOException {
        Path html = dir.resolve("r.html");
        DemoCommandTest.Run r = DemoCommandTest.run("audit", "--input", groups().toString(), "--protected", "sex",
                "--decision", "referred", "--favourable-decision", "yes", "--out", html.toString());
        assertEquals(0, r.status(), r.err());
        // X (3 cases) and the Cyrillic M (2 cases) are below the minimum of 10
        assertTrue(r.out().contains("Suppressed: 2 groups with fewer than 10 cases (by sex: 2)."), r.out());
        String page = Files.readString(html);
        assertTrue(page.contains("look alike but are different letters"), "the look-alike note is not in the page");
        assertTrue(page.contains("decision column &#39;referred&#39; read as: &#39;no&#39; 33 unfavourable, &#39;yes&#39; 32 favourable"),
                "how the decision values were read is not in the page");
        assertTrue(page.contains("2 groups suppressed for having fewer than 10 cases"), "suppressed not in the page");
    }

    /** Issue 17: {@code --lang} picks the HTML report's language; a language without a message file is a usage error. */
    @Test
    void lang_writesTheReportInThatLanguage_andRefusesOthers() throws IOException {
        Path html = dir.resolve("fr.html");
        DemoCommandTest.Run r = DemoCommandTest.run("audit", "--input", groups().toString(), "--protected", "sex",
                "--decision", "referred", "--favourable-decision", "yes", "--out", html.toString(), "--lang", "fr");
        assertEquals(0, r.status(), r.err());
        String page = Files.readString(html);
        assertTrue(page.contains("<html lang=\"fr\">") && page.contains("<title>Audit d&#39;équité de g.csv</title>")
                && page.contains("2 groupes masqués pour compter moins de 10 dossiers"), page);
        // the notes on reading the input are English text: marked so, for screen readers and translators
        assertTrue(page.contains("<li class=\"note-item\" lang=\"en\">"), page);
        DemoCommandTest.Run sv = DemoCommandTest.run("audit", "--input", groups().toString(), "--protected", "sex",
                "--decision", "referred", "--favourable-decision", "yes", "--out", dir.resolve("sv.html").toString(),
                "--lang", "sv");
        assertEquals(2, sv.status(), sv.err());
        assertTrue(sv.err().contains("en, fr, de, nl, fi"), sv.err());
        assertFalse(Files.exists(dir.resolve("sv.html")));
        DemoCommandTest.Run json = DemoCommandTest.run("audit", "--input", groups().toString(), "--protected", "sex",
                "--decision", "referred", "--favourable-decision", "yes", "--out", dir.resolve("r.json").toString(),
                "--lang", "de");
        assertEquals(2, json.status(), json.err());
        assertTrue(json.err().contains("--lang de applies to the HTML report only"), json.err());
        assertFalse(Files.exists(dir.resolve("r.json")));
    }

    @Test
    void notUtf8_saysFileLineAndByteOffset() throws IOException {
        Path f = dir.resolve("latin1.csv");
        // "sex,referred\n" is bytes 0-12, "F,yes\n" 13-18; line 3 starts at 19 with 'M', and 0xFF is byte 20
        byte[] head = "sex,referred\nF,yes\nM".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ",no\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = (byte) 0xFF;
        System.arraycopy(tail, 0, all, head.length + 1, tail.length);
        Files.write(f, all);
        for (String out : new String[] {"a.html", "a.json"}) {
            DemoCommandTest.Run r = DemoCommandTest.run("audit", "--input", f.toString(), "--protected", "sex",
                    "--decision", "referred", "--favourable-decision", "yes", "--out", dir.resolve(out).toString());
            assertEquals(1, r.status(), r.err());
            assertTrue(r.err().contains(f + ": line 3 (byte offset 20): the file is not UTF-8 text"), r.err());
            assertFalse(r.err().contains("Input length"), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        Path j = dir.resolve("latin1.jsonl");
        Files.write(j, ("{\"sex\":\"F\",\"r\":\"yes\"}\n{\"sex\":\"" + "\u00E9" + "\",\"r\":\"no\"}\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        DemoCommandTest.Run jr = DemoCommandTest.run("audit", "--input", j.toString(), "--protected", "sex",
                "--decision", "r", "--favourable-decision", "yes", "--out", dir.resolve("j.json").toString());
        // line 1 is 22 bytes (0-21); line 2 is {"sex":" (8 bytes, 22-29), so the Latin-1 e-acute is byte 30
        assertTrue(jr.err().contains(j + ": line 2 (byte offset 30): the file is not UTF-8 text"), jr.err());
    }

    @Test
    void bandingTextInADecisionLog_namesFileLineAndField() throws IOException {
        Path f = dir.resolve("log.jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.GROUP_COMMIT)) {
            for (int i = 0; i < 4; i++) {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("jobseeker", "js-" + i);
                b.put("counsellor", "c-1");
                b.put("audit", Map.of("age", i == 2 ? "forty" : Integer.toString(20 + 10 * i)));
                b.put("modelVersion", "v");
                b.put("topSuggestion", "vt");
                b.put("topIntensity", 4);
                b.put("decision", Map.of("kind", "ACCEPTED", "service", "vt"));
                b.put("finalService", "vt");
                b.put("finalIntensity", 4);
                log.append("DECISION", b);
            }
        }
        DemoCommandTest.Run r = DemoCommandTest.run("audit", "--input", f.toString(), "--protected", "age",
                "--bands", "age:30", "--out", dir.resolve("l.json").toString());
        assertEquals(1, r.status(), r.out() + r.err());
        // the third record is on line 3 of the log
        assertTrue(r.err().contains(f + ": line 3 (record seq 3), audit field 'age': cannot band 'forty'"), r.err());
        // the same in a CSV names file, column and line
        Path csv = write("ages.csv", "age,referred,remark\n25,yes,\n35,no,\"two\nlines\"\nforty,no,\n");
        DemoCommandTest.Run c = DemoCommandTest.run("audit", "--input", csv.toString(), "--protected", "age",
                "--decision", "referred", "--favourable-decision", "yes", "--bands", "age:30", "--out",
                dir.resolve("c.json").toString());
        assertEquals(1, c.status(), c.err());
        // the quoted remark spans lines 3-4, so 'forty' is on line 5
        assertTrue(c.err().contains(csv + ": group column 'age': line 5: cannot band 'forty'"), c.err());
    }

    @Test
    void decisionColumnAlsoProtected_isAUsageError() throws IOException {
        DemoCommandTest.Run r = DemoCommandTest.run("audit", "--input", groups().toString(), "--protected",
                "sex,referred", "--decision", "referred", "--favourable-decision", "yes", "--out",
                dir.resolve("x.json").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("column 'referred' is given both in --protected and as the --decision column"),
                r.err());
        assertFalse(Files.exists(dir.resolve("x.json")));
    }

    @Test
    void outIntoAMissingDirectory_saysSo_andWroteEscapesThePath() throws IOException {
        Path in = groups();
        Path missing = dir.resolve("no-such-dir").resolve("r.html");
        DemoCommandTest.Run r = DemoCommandTest.run("audit", "--input", in.toString(), "--protected", "sex",
                "--decision", "referred", "--favourable-decision", "yes", "--out", missing.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("the directory " + missing.getParent() + " does not exist"), r.err());
        Path odd = dir.resolve("odd\u001B[2Jdir");
        Files.createDirectories(odd);
        DemoCommandTest.Run w = DemoCommandTest.run("audit", "--input", in.toString(), "--protected", "sex",
                "--decision", "referred", "--favourable-decision", "yes", "--out", odd.resolve("r.json").toString());
        assertEquals(0, w.status(), w.err());
        assertTrue(w.out().chars().noneMatch(ch -> ch == 0x1B), "an escape character reached the terminal");
        assertTrue(w.out().contains("Wrote " + dir.toAbsolutePath() + "/odd\\u001B[2Jdir/r.json"), w.out());
    }

    /**
     * Issue 13, fourth round, item 5: every decision value named favourable is refused (status 1, the values seen),
     * and a repeated value option is a usage error (status 2), nothing written either way.
     */
    @Test
    void everyValueFavourable_orARepeatedValueOption_isRefused() throws IOException {
        Path out = dir.resolve("r.json");
        DemoCommandTest.Run all = DemoCommandTest.run("audit", "--input", groups().toString(), "--protected", "sex",
                "--decision", "referred", "--favourable-decision", "yes,no", "--out", out.toString());
        assertEquals(1, all.status(), all.err());
        // by hand: F and M 15 yes and 15 no each, X 1 yes 2 no, the Cyrillic M 1 yes 1 no
        assertTrue(all.err().contains("every value seen is named favourable (values seen: 'no' 33, 'yes' 32)"),
                all.err());
        assertFalse(Files.exists(out));
        DemoCommandTest.Run twice = DemoCommandTest.run("audit", "--input", groups().toString(), "--protected",
                "sex", "--decision", "referred", "--favourable-decision", "yes", "--favourable-decision", "no",
                "--out", out.toString());
        assertEquals(2, twice.status(), twice.err());
        assertTrue(twice.err().contains("--favourable-decision is 'yes' and 'no'; allowed: the option once")
                && twice.err().contains("it is given 2 times"), twice.err());
        assertEquals(1, twice.err().strip().lines().count(), twice.err());
        assertFalse(Files.exists(out));
        // given once with both values in one list, it still reaches the data check (status 1, not 2)
        assertEquals(1, DemoCommandTest.run("audit", "--input", groups().toString(), "--protected", "sex",
                "--decision", "referred", "--favourable-decision", "yes,no", "--out", out.toString()).status());
    }

    /** Issue 13, fourth round, item 6: a confidence that would print as 100% or 0% is a usage error. */
    @Test
    void confidenceThatPrintsAs100Or0Percent_isAUsageError() throws IOException {
        Path out = dir.resolve("c.json");
        for (String c : new String[] {"0.9999999", "0.999995", "0.000001", "1", "0"}) {
            DemoCommandTest.Run r = DemoCommandTest.run("audit", "--input", groups().toString(), "--protected",
                    "sex", "--decision", "referred", "--favourable-decision", "yes", "--confidence", c, "--out",
                    out.toString());
            assertEquals(2, r.status(), c + ": " + r.err());
            assertTrue(r.err().contains("--confidence") && r.err().contains("0.00001 to 0.99999"), r.err());
            assertFalse(Files.exists(out));
        }
        DemoCommandTest.Run ok = DemoCommandTest.run("audit", "--input", groups().toString(), "--protected", "sex",
                "--decision", "referred", "--favourable-decision", "yes", "--confidence", "0.99999", "--out",
                out.toString());
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().contains("simultaneous 99.999% interval"), ok.out());
    }
}
