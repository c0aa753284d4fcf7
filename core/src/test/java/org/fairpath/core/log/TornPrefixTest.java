package org.fairpath.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link DecisionLog#tornPrefix}, the rule that decides whether bytes after the last line may be cut on open: they
 * must be the start of the next record of this log. Oracle: the record layout written as a regular expression,
 * {@code {"seq":N,"time":"T","type":"Y","prev":"P","body":...} with T and Y free of quotes and backslashes, asked
 * with {@link Matcher#hitEnd()} whether a string can still grow into a match; and every prefix of real records.
 */
final class TornPrefixTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00.123456789Z");
    private static final String PREV = "ab".repeat(32);
    private static final String START = "{\"seq\":7,\"time\":\"";

    private static final Pattern LAYOUT = Pattern.compile("\\{\"seq\":7,\"time\":\"[^\"\\\\]*\",\"type\":\"[^\"\\\\]*\","
            + "\"prev\":\"" + PREV + "\",\"body\":.*", Pattern.DOTALL);

    /** True when {@code got} is a whole match or a prefix of some match of the layout (seq 7, prev PREV). */
    private static boolean oracle(String got) {
        Matcher m = LAYOUT.matcher(got);
        return m.matches() || m.hitEnd();
    }

    @Test
    void everyPrefixOfTheNextRecord_isATornRecord() {
        for (String type : new String[] {"DECISION", "MODEL_DISABLED", "REPAIR"}) {
            String line = RecordCodec.encode(7, T, type, PREV, Map.of("note", "a \"quoted\" \\ note")).line();
            for (int k = 0; k <= line.length(); k++) {
                assertTrue(DecisionLog.tornPrefix(line.substring(0, k), START, PREV), type + " prefix of " + k);
            }
        }
    }

    @Test
    void aRecordWithAnotherSequenceOrPrev_isATornRecordOnlyUpToWhereItDiffers() {
        String mine = RecordCodec.encode(7, T, "DECISION", PREV, Map.of("i", 1)).line();
        for (String other : new String[] {
            RecordCodec.encode(8, T, "DECISION", PREV, Map.of("i", 1)).line(),
            RecordCodec.encode(70, T, "DECISION", PREV, Map.of("i", 1)).line(),
            RecordCodec.encode(7, T, "DECISION", "cd".repeat(32), Map.of("i", 1)).line(),
            RecordCodec.encode(7, T, "DECISION", "ab".repeat(31) + "ac", Map.of("i", 1)).line()}) {
            int differs = 0;
            while (mine.charAt(differs) == other.charAt(differs)) {
                differs++;
            }
            for (int k = 0; k <= other.length(); k++) {
                assertEquals(k <= differs, DecisionLog.tornPrefix(other.substring(0, k), START, PREV),
                        "prefix of " + k + " of " + other + " (differs at " + differs + ")");
            }
        }
    }

    @Test
    void handPickedCases_matchTheLayout() {
        String[] yes = {"", "{", START, START + "2026", START + "x\"", START + "x\",\"ty", START + "x\",\"type\":\"A",
            START + "x\",\"type\":\"A\"", START + "x\",\"type\":\"A\",\"prev\":\"" + PREV + "\",\"body\":",
            START + "\",\"type\":\"\",\"prev\":\"" + PREV + "\",\"body\":{\"\\\"", START + "x\",\"type\":\"A\",\"pr"};
        String[] no = {"x", "{\"seq\":8", START + "20\\", START + "20\\\"", START + "x\",\"typ\"",
            START + "x\",\"type\":\"A\\", START + "x\",\"type\":\"A\\\"", START + "x\",\"type\":\"A\",\"prev\":\"ab\"",
            START + "x\",\"type\":\"A\",\"prev\":\"" + PREV + "\",\"body\"x", START + "x\",\"type\":\"A\"x",
            START + "x\",\"type\":\"A\",\"prev\":\"" + "cd".repeat(32)};
        for (String s : yes) {
            assertTrue(oracle(s), "oracle, yes: " + s);
            assertTrue(DecisionLog.tornPrefix(s, START, PREV), s);
        }
        for (String s : no) {
            assertFalse(oracle(s), "oracle, no: " + s);
            assertFalse(DecisionLog.tornPrefix(s, START, PREV), s);
        }
    }

    /** 5,000 seeded mutations of prefixes of real records: quotes, backslashes and digits inserted or replaced. */
    @Test
    void seededMutations_agreeWithTheLayout() {
        SplittableRandom random = new SplittableRandom(12);
        String[] types = {"DECISION", "A", "MODEL_ENABLED"};
        char[] alphabet = {'"', '\\', ',', ':', '7', '8', 'a', 'b', 'c', 'x', '{', '}'};
        int accepted = 0;
        for (int i = 0; i < 5_000; i++) {
            String line = RecordCodec.encode(7, T.plusSeconds(random.nextInt(100_000)),
                    types[random.nextInt(types.length)], PREV, Map.of("i", i)).line();
            StringBuilder s = new StringBuilder(line.substring(0, random.nextInt(line.length() + 1)));
            int edits = random.nextInt(3);
            for (int e = 0; e < edits && s.length() > 0; e++) {
                int at = random.nextInt(s.length());
                char c = alphabet[random.nextInt(alphabet.length)];
                if (random.nextBoolean()) {
                    s.insert(at, c);
                } else {
                    s.setCharAt(at, c);
                }
            }
            String got = s.toString();
            boolean expected = oracle(got);
            assertEquals(expected, DecisionLog.tornPrefix(got, START, PREV), got);
            accepted += expected ? 1 : 0;
        }
        assertTrue(accepted > 500 && accepted < 4_500, "both verdicts exercised: " + accepted + " accepted");
    }
}
