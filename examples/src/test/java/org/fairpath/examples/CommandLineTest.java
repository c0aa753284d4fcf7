package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairpath.core.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command of the README's command-line section, in order, as the launcher would: paths that the README
 * gives relative to the repository root are mapped into a temporary directory (outputs), the shared data folder, or
 * this module (the example profile); the demo runs on 3,000 cases instead of 20,000 to keep the test short.
 */
final class CommandLineTest {

    @TempDir
    Path dir;

    private String[] map(String command) throws IOException {
        List<String> args = new ArrayList<>(List.of(command.trim().split("\\s+")));
        assertEquals(List.of("java", "-jar", "examples/target/fairpath.jar"), args.subList(0, 3));
        List<String> out = new ArrayList<>();
        for (String a : args.subList(3, args.size())) {
            if (a.startsWith("../shared/data/")) {
                out.add(Fixtures.sharedData(a.substring("../shared/data/".length())).toString());
            } else if (a.startsWith("examples/")) {
                out.add(a.substring("examples/".length()));
            } else if (a.equals("audit.html") || a.equals("log-audit.json") || a.equals("model-bundle")
                    || a.equals("allocation.html") || a.equals("card-fr.html") || a.equals("notice-fr.html")
                    || a.startsWith("fairpath-demo") || a.startsWith("signing") || a.equals("monitor.html")) {
                out.add(dir.resolve(a).toString());
            } else {
                out.add(a);
            }
        }
        if (out.get(0).equals("demo")) {
            out.addAll(List.of("--cases", "3000", "--out", dir.resolve("fairpath-demo").toString()));
        }
        return out.toArray(new String[0]);
    }

    @Test
    void readme_commands_allRunAndDoWhatTheySay() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String block = readme.substring(readme.indexOf("<!-- commands:start -->"),
                readme.indexOf("<!-- commands:end -->"));
        List<String> commands = block.lines().filter(l -> l.startsWith("java -jar")).toList();
        assertEquals(15, commands.size(), block);
        String recommended = null;
        for (String c : commands) {
            DemoCommandTest.Run r = DemoCommandTest.run(map(c));
            assertEquals(0, r.status(), c + "\n" + r.err() + r.out());
            String cmd = c.split("\\s+")[3];
            switch (cmd) {
                case "demo" -> assertTrue(r.out().contains("Wrote "), r.out());
                case "audit" -> assertTrue(r.out().startsWith("Audited "), r.out());
                case "verify-log" -> assertTrue(r.out().startsWith("intact: 601 records"), r.out()); // + ALLOCATION
                case "allocate" -> {
                    assertTrue(r.out().startsWith("Allocated 600 jobseekers"), r.out());
                    assertTrue(Files.readString(dir.resolve("allocation.html")).contains("capacity-constrained"));
                }
                case "sign-head" -> assertTrue(r.out().startsWith("signed head "), r.out());
                case "train" -> assertTrue(r.out().contains("Model version "), r.out());
                case "keygen" -> assertTrue(r.out().contains("Key fingerprint SHA256:"), r.out());
                case "sign" -> assertTrue(r.out().startsWith("Signed "), r.out());
                case "monitor" -> assertTrue(r.out().startsWith("Monitored 600 decisions in 1 windows (1 tested)")
                        && r.out().contains(": 0 window(s) with an alert"), r.out());
                case "recommend" -> {
                    assertTrue(r.out().startsWith("Suggestions for js-0042"), r.out());
                    recommended = r.out();
                }
                case "notice" -> {
                    assertTrue(r.out().startsWith("Wrote the notice of decision 1 (fr)"), r.out());
                    assertTrue(Files.readString(dir.resolve("notice-fr.html")).startsWith("<!DOCTYPE html>\n"
                            + "<html lang=\"fr\">"));
                }
                case "explain" -> {
                    assertTrue(r.out().startsWith("Why "), r.out());
                    // the explanation's output equals the compiled scorer's pWith of the top suggestion
                    java.util.regex.Matcher top = java.util.regex.Pattern.compile("1\\. \\S+\\s+with it: ([0-9.]+)%")
                            .matcher(recommended);
                    assertTrue(top.find(), recommended);
                    assertTrue(r.out().contains("chance of employment with it: " + top.group(1) + "%"), r.out());
                    assertTrue(r.out().contains("Age [protected]"), r.out());
                    assertTrue(r.out().contains("play no part: gender, citizenship group, recognised disability"),
                            r.out());
                }
                default -> throw new AssertionError("unexpected command " + cmd);
            }
        }
        assertTrue(Files.readString(dir.resolve("audit.html")).contains("data-grouping=\"sex,age\""));
        assertTrue(Files.readString(dir.resolve("log-audit.json")).contains("\"schemaVersion\" : 2"));
        assertTrue(Files.readString(dir.resolve("monitor.html")).contains("No alert."));
        assertTrue(Files.isRegularFile(dir.resolve("model-bundle/manifest.sig")));
        assertTrue(Files.readString(dir.resolve("card-fr.html")).startsWith("<section class=\"fpc\" lang=\"fr\""));
        // issue 13: the demo's built-in counsellor bias (50+ steered to digital self-service) is a FAIL finding of the
        // log audit too, not only a table; --fail-on FAIL turns it into exit status 3
        DemoCommandTest.Run log = DemoCommandTest.run("audit", "--input", dir.resolve("fairpath-demo/decisions.jsonl")
                .toString(), "--protected", "gender,age,citizenship_group", "--bands", "age:30,50", "--out",
                dir.resolve("log2.json").toString(), "--fail-on", "FAIL");
        assertEquals(3, log.status(), log.err() + log.out());
        assertTrue(log.out().contains("FAIL  The override rate difference by age, '50+' vs the reference group"),
                log.out());
        assertTrue(log.out().contains("FAIL  The largest difference in shares by age, '50+'"), log.out());
        // ages without bands would be one group per age: refused, naming the remedy
        DemoCommandTest.Run noBands = DemoCommandTest.run("audit", "--input", dir.resolve("fairpath-demo/decisions"
                + ".jsonl").toString(), "--protected", "gender,age", "--out", dir.resolve("log3.json").toString());
        assertEquals(1, noBands.status(), noBands.out());
        assertTrue(noBands.err().contains("decision log audit field 'age' is numeric with"), noBands.err());
        assertTrue(noBands.err().contains("give bands, e.g. --bands age:30,50"), noBands.err());
        // --strict would otherwise be accepted and do nothing on a decision log
        DemoCommandTest.Run strict = DemoCommandTest.run("audit", "--input", dir.resolve("fairpath-demo/decisions"
                + ".jsonl").toString(), "--protected", "gender", "--strict", "--out", dir.resolve("log4.json").toString());
        assertEquals(2, strict.status(), strict.out());
        assertTrue(strict.err().contains("--strict and --normalise-labels do not apply to a decision log"), strict.err());
    }

    private Path data(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** Rows: women 0 of n referred, men half of n referred; yes/no decisions, 1/0 outcomes, a score. */
    private Path exclusion(int n) throws IOException {
        StringBuilder t = new StringBuilder("sex,referred,employed,score\n");
        for (int i = 0; i < n; i++) {
            t.append("F,no,").append(i % 3 == 0 ? 1 : 0).append(',').append(i % 3 == 0 ? "0.7" : "0.2").append('\n');
            t.append("M,").append(i % 2 == 0 ? "yes" : "no").append(',').append(i % 2 == 0 ? 1 : 0).append(',')
                    .append(i % 2 == 0 ? "0.8" : "0.3").append('\n');
        }
        t.append("M,no,0,0.3\n"); // one more man: the men are the largest, so the reference group
        return data("excl.csv", t.toString());
    }

    @Test
    void audit_ownFavourableValues_failOn_andExitStatus() throws IOException {
        Path in = exclusion(1000);
        String out = dir.resolve("r.json").toString();
        DemoCommandTest.Run ok = DemoCommandTest.run("audit", "--input", in.toString(), "--protected", "sex",
                "--decision", "referred", "--favourable-decision", "yes", "--outcome", "employed",
                "--favourable-outcome", "1", "--score", "score", "--out", out);
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().contains("FAIL  The selection-rate ratio by sex, 'F' vs the reference group 'M', is 0.000"),
                ok.out());
        assertTrue(ok.out().contains("Scores by sex (ROC AUC, Brier score, expected calibration error):"), ok.out());
        assertTrue(ok.out().contains("AUC 1.000"), ok.out()); // scores separate the outcomes perfectly (by design)
        assertTrue(Files.readString(Path.of(out)).contains("\"auc\" : 1.0"), "the JSON report holds the scores");
        DemoCommandTest.Run fail = DemoCommandTest.run("audit", "--input", in.toString(), "--protected", "sex",
                "--decision", "referred", "--favourable-decision", "yes", "--out", out, "--overwrite",
                "--fail-on", "FAIL");
        assertEquals(3, fail.status(), fail.err());
        DemoCommandTest.Run never = DemoCommandTest.run("audit", "--input", in.toString(), "--protected", "sex",
                "--decision", "referred", "--favourable-decision", "Yes", "--out", out, "--overwrite");
        assertEquals(1, never.status());
        assertTrue(never.err().contains("the favourable value 'Yes' never occurs (did you mean 'yes'?)"),
                never.err());
        assertEquals(1, never.err().lines().count());
        DemoCommandTest.Run old = DemoCommandTest.run("audit", "--input", in.toString(), "--protected", "sex",
                "--decision", "referred", "--favourable", "yes", "--out", out);
        assertEquals(2, old.status(), "one --favourable for decision and outcome is gone: " + old.err());
    }

    /** Fresh-eyes test of issue 13, case 7: with one group nothing can be compared; every finding is UNDEFINED. */
    @Test
    void audit_failOnWarn_countsUndefinedFindings() throws IOException {
        StringBuilder t = new StringBuilder("sex,referred\n");
        for (int i = 0; i < 40; i++) {
            t.append("F,").append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        Path in = data("one.csv", t.toString());
        String out = dir.resolve("one.json").toString();
        String[] args = {"audit", "--input", in.toString(), "--protected", "sex", "--decision", "referred",
            "--favourable-decision", "yes", "--out", out, "--overwrite", "--fail-on", "WARN"};
        DemoCommandTest.Run warn = DemoCommandTest.run(args);
        assertTrue(warn.out().contains("0 FAIL, 0 WARN, 0 PASS"), warn.out());
        assertEquals(3, warn.status(), warn.out() + warn.err());
        args[args.length - 1] = "FAIL";
        assertEquals(0, DemoCommandTest.run(args).status());
    }

    @Test
    void audit_refusesOutputOverInput_andRepeatedKeys() throws IOException {
        Path in = exclusion(20);
        String[] base = {"audit", "--input", in.toString(), "--protected", "sex", "--decision", "referred",
            "--favourable-decision", "yes"};
        Path same = dir.resolve(".").resolve("sub").resolve("..").resolve("excl.csv");
        Files.createDirectories(dir.resolve("sub"));
        Path json = data("excl.json", "{}");
        for (String[] extra : List.of(new String[] {"--out", same.toString().replace("excl.csv", "excl.json")},
                new String[] {"--out", json.toString(), "--reference", "sex=F", "--reference", "sex=M"},
                new String[] {"--out", json.toString(), "--threshold", "selection-ratio=0.8", "--threshold",
                    "selection-ratio=0.9"},
                new String[] {"--out", json.toString(), "--threshold", "selection-rate=0.8"},
                new String[] {"--out", json.toString(), "--confidence", "1.5"},
                new String[] {"--out", json.toString(), "--normalise-labels", "--strict"},
                new String[] {"--out", json.toString(), "--compat", "aif360"})) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base),
                    java.util.Arrays.stream(extra)).toArray(String[]::new);
            if (extra.length == 2 && extra[1].contains("sub")) {
                // the input is excl.json; the output names it too, spelled through "." and "sub/.."
                args[2] = json.toString();
            }
            DemoCommandTest.Run r = DemoCommandTest.run(args);
            assertEquals(2, r.status(), String.join(" ", extra) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        assertEquals("{}", Files.readString(json), "the input was not overwritten");
        Path banded = data("ages.csv", "age,referred\n20,yes\n40,no\n60,no\n");
        DemoCommandTest.Run twice = DemoCommandTest.run("audit", "--input", banded.toString(), "--protected", "age",
                "--decision", "referred", "--favourable-decision", "yes", "--bands", "age:30", "--bands", "age:50",
                "--out", dir.resolve("b.json").toString());
        assertEquals(2, twice.status(), twice.err());
    }

    @Test
    void audit_craftedLabels_cannotReachTheTerminal() throws IOException {
        String clear = "\u001B[2J\u001B[HALL GROUPS PASS";
        StringBuilder t = new StringBuilder("sex,referred\n");
        for (int i = 0; i < 40; i++) {
            t.append(clear).append(',').append(i % 4 == 0 ? "yes" : "no").append('\n');
            t.append("x".repeat(5000)).append(",yes\n");
            t.append("M,").append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        Path in = data("crafted.csv", t.toString());
        DemoCommandTest.Run r = DemoCommandTest.run("audit", "--input", in.toString(), "--protected", "sex",
                "--decision", "referred", "--favourable-decision", "yes", "--out", dir.resolve("c.html").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().chars().noneMatch(c -> c == 0x1B), "an escape character reached the terminal");
        assertTrue(r.out().contains("\\u001B[2J"), r.out());
        assertTrue(r.out().lines().allMatch(l -> l.length() < 400), "a long label pushed the numbers off-screen");
    }

    @Test
    void audit_badArguments_oneClearLine() throws IOException {
        DemoCommandTest.Run noOut = DemoCommandTest.run("audit", "--input", Fixtures.sharedData("german_credit.csv")
                .toString(), "--protected", "sex", "--prediction", "class");
        assertEquals(2, noOut.status());
        assertEquals("fairpath audit: --out FILE is needed (report.html or report.json), or --counts-out FILE.json"
                + " alone to write only the counts", noOut.err().trim());
        DemoCommandTest.Run badOut = DemoCommandTest.run("audit", "--input", Fixtures.sharedData("german_credit.csv")
                .toString(), "--protected", "sex", "--prediction", "class", "--out", "report.pdf");
        assertTrue(badOut.err().contains("must end in .html or .json"), badOut.err());
        DemoCommandTest.Run column = DemoCommandTest.run("audit", "--input", Fixtures.sharedData("german_credit.csv")
                .toString(), "--protected", "gender", "--prediction", "class", "--favourable-decision", "good",
                "--out", dir.resolve("x.json").toString());
        assertEquals(1, column.status());
        assertTrue(column.err().contains("no column 'gender'; columns: [checking_status"), column.err());
        DemoCommandTest.Run missing = DemoCommandTest.run("audit", "--input", "nope.csv", "--protected", "a",
                "--prediction", "b", "--out", "x.json");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("--input nope.csv does not exist"), missing.err());
        assertEquals(0, DemoCommandTest.run("audit", "--help").status());
    }

    @Test
    void recommend_invalidProfile_listsEveryProblem() throws IOException {
        Path bundle = dir.resolve("b");
        assertEquals(0, DemoCommandTest.run("train", "--out", bundle.toString(), "--cases", "3000", "--bags", "0")
                .status());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"id\":\"js-1\",\"attributes\":{\"age\":12,\"region\":\"mars\"}}");
        DemoCommandTest.Run r = DemoCommandTest.run("recommend", "--bundle", bundle.toString(), "--profile",
                bad.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("attributes.age: age is 12, outside the valid range"), r.err());
        assertTrue(r.err().contains("attributes.region: unknown level 'mars'"), r.err());
        assertTrue(r.err().contains("attributes.education_level: education_level is required"), r.err());
    }

    @Test
    void verifyLog_tamperedLog_exitsOneNamingTheRecord() throws IOException {
        Path log = dir.resolve("d.jsonl");
        try (var l = org.fairpath.core.log.DecisionLog.open(log, org.fairpath.core.log.DecisionLog.Durability
                .FSYNC_EACH)) {
            for (int i = 0; i < 3; i++) {
                l.append("DECISION", java.util.Map.of("i", i));
            }
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.set(1, lines.get(1).replace("\"i\":1", "\"i\":7"));
        Files.write(log, lines);
        DemoCommandTest.Run r = DemoCommandTest.run("verify-log", log.toString());
        assertEquals(1, r.status());
        assertTrue(r.out().contains("first bad sequence 2"), r.out());
        assertEquals(2, DemoCommandTest.run("verify-log").status());
        assertEquals(2, DemoCommandTest.run("verify-log", "--bogus").status());
    }

    @Test
    void signHead_thenVerifyLogAgainstIt_catchesACutTail() throws IOException {
        Path log = dir.resolve("d.jsonl");
        try (var l = org.fairpath.core.log.DecisionLog.open(log, org.fairpath.core.log.DecisionLog.Durability
                .FSYNC_EACH)) {
            for (int i = 0; i < 3; i++) {
                l.append("DECISION", java.util.Map.of("i", i));
            }
        }
        Path key = dir.resolve("k");
        Path pub = dir.resolve("k.pub");
        Path sig = dir.resolve("head.sig");
        DemoCommandTest.Run signed = DemoCommandTest.run("sign-head", log.toString(), "--key", key.toString(),
                "--public", pub.toString(), "--out", sig.toString(), "--new-keys");
        assertEquals(0, signed.status(), signed.err());
        String head = org.fairpath.core.log.DecisionLog.verify(log).head().toString();
        assertTrue(signed.out().contains("signed head " + head), signed.out());

        DemoCommandTest.Run ok = DemoCommandTest.run("verify-log", log.toString(), "--anchor", sig.toString(),
                "--trust", pub.toString());
        assertEquals(0, ok.status(), ok.out() + ok.err());
        assertTrue(ok.out().contains("head " + head), ok.out());
        assertEquals(0, DemoCommandTest.run("verify-log", log.toString(), "--expect", head).status());

        List<String> lines = Files.readAllLines(log);
        Files.write(log, lines.subList(0, 2)); // the last record cut off cleanly
        assertEquals(0, DemoCommandTest.run("verify-log", log.toString()).status(), "the chain alone cannot tell");
        DemoCommandTest.Run cut = DemoCommandTest.run("verify-log", log.toString(), "--anchor", sig.toString(),
                "--trust", pub.toString());
        assertEquals(1, cut.status());
        assertTrue(cut.out().contains("cut from the end"), cut.out());
        assertEquals(1, DemoCommandTest.run("verify-log", log.toString(), "--expect", head).status());

        Files.writeString(sig, Files.readString(sig).replace(head, "2:" + head.substring(2)));
        DemoCommandTest.Run forged = DemoCommandTest.run("verify-log", log.toString(), "--anchor", sig.toString(),
                "--trust", pub.toString());
        assertEquals(1, forged.status());
        assertTrue(forged.out().contains("not signed by the trusted key"), forged.out());

        DemoCommandTest.Run bad = DemoCommandTest.run("verify-log", log.toString(), "--expect", "3:xyz");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("64 lower-case hex"), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertEquals(2, DemoCommandTest.run("verify-log", log.toString(), "--anchor", sig.toString()).status());
        assertEquals(2, DemoCommandTest.run("sign-head", log.toString(), "--key", key.toString(), "--public",
                pub.toString(), "--out", sig.toString(), "--new-keys").status(), "keys are never overwritten");
    }

    /**
     * A head signed before a retention purge: records 1-3 of 4 are purged (kept: record 3's hash in the signed
     * CHECKPOINT), so the head at 2 can no longer be compared and verify-log must say so instead of a bare mismatch.
     */
    @Test
    void verifyLog_headSignedBeforeAPurge_saysItWasPurgedAndVouchedForByTheSignedCheckpoint() throws IOException {
        Path log = dir.resolve("d.jsonl");
        java.time.Clock old = java.time.Clock.fixed(java.time.Instant.parse("2025-01-01T00:00:00Z"),
                java.time.ZoneOffset.UTC);
        try (var l = org.fairpath.core.log.DecisionLog.options().clock(old).open(log)) {
            for (int i = 1; i <= 2; i++) {
                l.append("DECISION", java.util.Map.of("i", i));
            }
        }
        Path key = dir.resolve("k");
        Path pub = dir.resolve("k.pub");
        Path at2 = dir.resolve("head2.sig");
        assertEquals(0, DemoCommandTest.run("sign-head", log.toString(), "--key", key.toString(), "--public",
                pub.toString(), "--out", at2.toString(), "--new-keys").status());
        String head2 = org.fairpath.core.log.DecisionLog.verify(log).head().toString();
        try (var l = org.fairpath.core.log.DecisionLog.options().clock(old).open(log)) {
            for (int i = 3; i <= 4; i++) {
                l.append("DECISION", java.util.Map.of("i", i));
            }
        }
        String head3 = org.fairpath.core.log.DecisionLog.read(log).get(2).hash();
        java.security.KeyPair keys = org.fairpath.core.log.Anchors.readKeys(key, pub);
        try (var l = org.fairpath.core.log.DecisionLog.options().minimumRetention(java.time.Duration.ZERO)
                .checkpointKeys(keys).open(log)) {
            assertEquals(3, l.purge(java.time.Duration.ofDays(1), "dpo"));
        }

        DemoCommandTest.Run vouched = DemoCommandTest.run("verify-log", log.toString(), "--anchor", at2.toString(),
                "--trust", pub.toString());
        assertEquals(0, vouched.status(), vouched.out() + vouched.err());
        assertTrue(vouched.out().startsWith("intact: 3 records, chain verified, its CHECKPOINT signed by the"
                + " trusted key"), vouched.out());
        assertTrue(vouched.out().contains("note: the expected head 2 lies in the purged range (records through 3"
                + " were removed by a retention purge): its hash can no longer be compared"), vouched.out());
        assertTrue(!vouched.out().contains("holds the expected head"), vouched.out());

        DemoCommandTest.Run noKey = DemoCommandTest.run("verify-log", log.toString(), "--expect", head2);
        assertEquals(1, noKey.status(), noKey.out());
        assertTrue(noKey.out().startsWith("NOT intact: the expected head " + head2 + " lies in the purged range"),
                noKey.out());
        assertTrue(noKey.out().contains("(first bad sequence 2)"), noKey.out());

        DemoCommandTest.Run last = DemoCommandTest.run("verify-log", log.toString(), "--expect", "3:" + head3);
        assertEquals(0, last.status(), last.out());
        assertTrue(last.out().contains("note: the expected head 3 was removed by a retention purge"), last.out());
        DemoCommandTest.Run wrong = DemoCommandTest.run("verify-log", log.toString(), "--expect",
                "3:" + head2.substring(2));
        assertEquals(1, wrong.status(), wrong.out());
        assertTrue(wrong.out().contains("keeps hash " + head3), wrong.out());
    }
}
