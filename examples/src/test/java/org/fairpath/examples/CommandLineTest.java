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
                    || a.startsWith("fairpath-demo")) {
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
        assertEquals(7, commands.size(), block);
        String recommended = null;
        for (String c : commands) {
            DemoCommandTest.Run r = DemoCommandTest.run(map(c));
            assertEquals(0, r.status(), c + "\n" + r.err() + r.out());
            String cmd = c.split("\\s+")[3];
            switch (cmd) {
                case "demo" -> assertTrue(r.out().contains("Wrote "), r.out());
                case "audit" -> assertTrue(r.out().startsWith("Audited "), r.out());
                case "verify-log" -> assertTrue(r.out().startsWith("intact: 600 records"), r.out());
                case "train" -> assertTrue(r.out().contains("Model version "), r.out());
                case "recommend" -> {
                    assertTrue(r.out().startsWith("Suggestions for js-0042"), r.out());
                    recommended = r.out();
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
        assertTrue(Files.readString(dir.resolve("log-audit.json")).contains("\"schemaVersion\" : 1"));
    }

    @Test
    void audit_badArguments_oneClearLine() throws IOException {
        DemoCommandTest.Run noOut = DemoCommandTest.run("audit", "--input", Fixtures.sharedData("german_credit.csv")
                .toString(), "--protected", "sex", "--prediction", "class");
        assertEquals(2, noOut.status());
        assertEquals("fairpath audit: Missing required option: '--out=FILE' (see 'fairpath audit --help')",
                noOut.err().trim());
        DemoCommandTest.Run badOut = DemoCommandTest.run("audit", "--input", Fixtures.sharedData("german_credit.csv")
                .toString(), "--protected", "sex", "--prediction", "class", "--out", "report.pdf");
        assertTrue(badOut.err().contains("must end in .html or .json"), badOut.err());
        DemoCommandTest.Run column = DemoCommandTest.run("audit", "--input", Fixtures.sharedData("german_credit.csv")
                .toString(), "--protected", "gender", "--prediction", "class", "--out",
                dir.resolve("x.json").toString());
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
}
