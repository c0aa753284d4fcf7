package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The README's PostgreSQL store snippet is this test's code, to the character (modulo indentation), and it runs. */
final class PostgresReadmeSnippetTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SELF = Path.of("src", "test", "java", "org", "fairpath", "core", "log",
            "PostgresReadmeSnippetTest.java");

    private static void snippet(String jdbcUrl) throws IOException {
        // store-snippet:start
        PGSimpleDataSource dataSource = new PGSimpleDataSource(); // or the application server's connection pool
        dataSource.setURL(jdbcUrl);
        PostgresDecisionStore.createTables(dataSource, "fairpath_decision"); // once; or a DBA runs postgres-decision-store.sql
        try (DecisionStore store = PostgresDecisionStore.open(dataSource)) {
            Appended a = store.append("DECISION", Map.of("jobseeker", "js-0042", "service", "vocational_training"));
            Verification v = store.verify(new Head(a.sequence(), a.hash()));
            System.out.println(v.intact() + " " + store.head());
        }
        // store-snippet:end
    }

    private static List<String> between(List<String> lines, String start, String end) {
        int from = -1;
        int to = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(start) && from < 0) {
                from = i;
            } else if (lines.get(i).contains(end) && from >= 0) {
                to = i;
                break;
            }
        }
        assertTrue(from >= 0 && to > from, "markers " + start + " / " + end + " not found");
        return lines.subList(from + 1, to).stream().map(String::strip).filter(l -> !l.startsWith("```")).toList();
    }

    @Test
    void readme_storeSnippet_isThisTestsCode() throws IOException {
        List<String> readme = between(Files.readAllLines(README), "store-snippet:start", "store-snippet:end");
        List<String> code = between(Files.readAllLines(SELF), "// store-snippet:start", "// store-snippet:end");
        assertEquals(code, readme);
    }

    @Test
    void readme_storeSnippet_runsAgainstARealServer() throws IOException {
        PostgresTestServer.Database db = PostgresTestServer.freshDatabase();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            snippet(db.jdbcUrl());
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8).strip();
        assertTrue(out.matches("true 1:[0-9a-f]{64}"), out);
    }
}
