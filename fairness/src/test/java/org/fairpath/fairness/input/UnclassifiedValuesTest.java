package org.fairpath.fairness.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fresh-eyes test of issue 13, case 2: every decision and outcome value seen is classified with certainty. Oracle:
 * the hand-written files below, whose every cell's meaning is known.
 */
final class UnclassifiedValuesTest {

    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        Path p = dir.resolve("d.csv");
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static AuditColumns spec() {
        return AuditColumns.of(List.of("sex"), "d", Set.of("yes")).withOutcome("o", Set.of("1"), Set.of());
    }

    @Test
    void whitespaceOnlyOutcome_isUnknown_notUnfavourable() throws IOException {
        AuditData d = AuditData.fromCsv(csv("sex,d,o\nF,yes,1\nF,no,\" \"\nM,no,0\nM,yes,\"\t\"\n"), spec());
        // -1 = unknown, 1 favourable, 0 unfavourable (AuditData's byte coding)
        assertArrayEquals(new byte[] {1, -1, 0, -1}, d.outcomes());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("2 empty or blank cells read as unknown")),
                d.notes().toString());
    }

    @Test
    void placeholderOutcomes_besideTheOneUnfavourable_areRefusedListingEveryValue() throws IOException {
        for (String odd : List.of(".", "k.A.", "??", "n/k", "NK", "awaiting", "in progress", "open", "99", "[1]",
                "1e400")) {
            Path p = csv("sex,d,o\nF,yes,1\nF,no,0\nM,no,\"" + odd + "\"\nM,yes,1\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AuditData.fromCsv(p, spec()), odd);
            assertTrue(e.getMessage().contains("'" + odd + "' 1") && e.getMessage().contains("'0' 1")
                    && e.getMessage().contains("--unfavourable-outcome"), e.getMessage());
            // named, it is classified as the caller says
            AuditData named = AuditData.fromCsv(p, spec().withUnfavourable(Set.of(), Set.of("0", odd)));
            assertArrayEquals(new byte[] {1, 0, 0, 1}, named.outcomes());
            AuditData unknown = AuditData.fromCsv(p, AuditColumns.of(List.of("sex"), "d", Set.of("yes"))
                    .withOutcome("o", Set.of("1"), Set.of(odd)));
            assertArrayEquals(new byte[] {1, 0, -1, 1}, unknown.outcomes());
        }
    }

    @Test
    void decisionSpelledTwoWays_isRefusedWithDidYouMean() throws IOException {
        Path p = csv("sex,d\nF,yes\nF,y\nM,no\nM,yes\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditData.fromCsv(p, AuditColumns.of(List.of("sex"), "d", Set.of("yes"))));
        assertTrue(e.getMessage().contains("'y' (did you mean 'yes'?)"), e.getMessage());
        Path q = csv("sex,d\nF,1\nF,true\nM,0\nM,1\n");
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> AuditData.fromCsv(q, AuditColumns.of(List.of("sex"), "d", Set.of("1"))));
        assertTrue(t.getMessage().contains("'true' (did you mean '1'?)"), t.getMessage());
    }

    @Test
    void oneOtherValue_isUnfavourable_andTheClassificationIsNoted() throws IOException {
        AuditData d = AuditData.fromCsv(csv("sex,d\nF,yes\nF,no\nM,no\n"),
                AuditColumns.of(List.of("sex"), "d", Set.of("yes")));
        assertArrayEquals(new byte[] {1, 0, 0}, d.decisions());
        // most frequent first (ties in text order), whatever the order of the rows
        assertTrue(d.notes().stream().anyMatch(n -> n.endsWith("decision column 'd' read as: 'no' 2 unfavourable,"
                + " 'yes' 1 favourable")), d.notes().toString());
    }

    @Test
    void namedUnfavourableValueThatNeverOccurs_isAnError() throws IOException {
        Path p = csv("sex,d\nF,yes\nF,no\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuditData.fromCsv(p,
                AuditColumns.of(List.of("sex"), "d", Set.of("yes")).withUnfavourable(Set.of("No"), Set.of())));
        assertTrue(e.getMessage().contains("the unfavourable value 'No' never occurs (did you mean 'no'?)"),
                e.getMessage());
    }

    /** Issue 13, fourth round, item 3: a lone other value that is a spelling of the favourable one. */
    @Test
    void loneOtherValue_thatIsASpellingOfTheFavourable_isRefusedSayingHowToName() throws IOException {
        for (String odd : List.of("Y", "true", "yes.", "1", "t", "yess")) {
            Path p = csv("sex,d\nF,yes\nM,\"" + odd + "\"\nM,yes\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AuditData.fromCsv(p, AuditColumns.of(List.of("sex"), "d", Set.of("yes"))), odd);
            assertTrue(e.getMessage().contains("holds '" + odd + "' (1 cases) as its only value")
                    && e.getMessage().contains("'yes' 2") && e.getMessage().contains("--unfavourable-decision "
                    + odd + " if it is unfavourable, or --favourable-decision yes," + odd), e.getMessage());
            // named, it reads as the caller says
            assertArrayEquals(new byte[] {1, 0, 1}, AuditData.fromCsv(p,
                    AuditColumns.of(List.of("sex"), "d", Set.of("yes")).withUnfavourable(Set.of(odd), Set.of()))
                    .decisions());
        }
        // the outcome "true" beside the favourable "1"
        Path o = csv("sex,d,o\nF,yes,1\nM,no,true\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuditData.fromCsv(o, spec()));
        assertTrue(e.getMessage().contains("'true'") && e.getMessage().contains("--favourable-outcome 1,true"),
                e.getMessage());
    }

    @Test
    void loneOtherValue_thatIsTheOpposite_isStillReadAsUnfavourable() throws IOException {
        String[][] pairs = {{"yes", "no"}, {"1", "0"}, {"y", "n"}, {"t", "f"}, {"true", "false"}, {"Y", "N"},
                {"referred", "not referred"}, {"accepted", "rejected"}, {"1", "2"}, {"A", "B"}};
        for (String[] pair : pairs) {
            Path p = csv("sex,d\nF," + pair[0] + "\nM," + pair[1] + "\nM," + pair[0] + "\n");
            assertArrayEquals(new byte[] {1, 0, 1}, AuditData.fromCsv(p,
                    AuditColumns.of(List.of("sex"), "d", Set.of(pair[0]))).decisions(), pair[1]);
        }
    }
}
