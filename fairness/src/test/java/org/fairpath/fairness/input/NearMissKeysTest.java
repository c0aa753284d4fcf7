package org.fairpath.fairness.input;

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
 * Issue 13, third round: a column asked for under one spelling while the file spells its key another way (case,
 * surrounding spaces, width) was read as a column of empty cells, so every case fell into "(missing)". It must be an
 * error with "did you mean", and so must two keys of one object that differ only in such spelling.
 */
final class NearMissKeysTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static AuditColumns spec(String group) {
        return AuditColumns.of(List.of(group), "referred", Set.of("yes"));
    }

    @Test
    void jsonLines_keyInAnotherCase_isAnErrorWithDidYouMean() throws IOException {
        Path p = file("k.jsonl", "{\"Gender\":\"F\",\"referred\":\"yes\"}\n{\"Gender\":\"M\",\"referred\":\"no\"}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditData.fromJsonLines(p, spec("gender")));
        assertTrue(e.getMessage().contains("k.jsonl: line 1: key 'Gender'") && e.getMessage().contains("'gender'")
                && e.getMessage().contains("did you mean 'Gender'?"), e.getMessage());
        // the reverse: the file says gender, the caller asks for Gender
        Path q = file("r.jsonl", "{\"gender\":\"F\",\"referred\":\"yes\"}\n");
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
                () -> AuditData.fromJsonLines(q, spec("Gender")));
        assertTrue(r.getMessage().contains("did you mean 'gender'?"), r.getMessage());
    }

    @Test
    void jsonLines_keyWithSpacesOrFullwidth_isAnError() throws IOException {
        Path spaces = file("s.jsonl", "{\" gender \":\"F\",\"referred\":\"yes\"}\n");
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> AuditData.fromJsonLines(spaces, spec("gender")));
        assertTrue(s.getMessage().contains("key ' gender '"), s.getMessage());
        // fullwidth letters are the same key once NFKC-normalised
        Path wide = file("w.jsonl", "{\"\uFF47ender\":\"F\",\"referred\":\"yes\"}\n");
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> AuditData.fromJsonLines(wide, spec("gender")));
        assertTrue(w.getMessage().contains("key '\uFF47ender'"), w.getMessage());
        // a near-miss key on a later line only (the first lines spell it right) is refused too, naming that line
        Path later = file("l.jsonl", "{\"gender\":\"F\",\"referred\":\"yes\"}\n{\"Gender\":\"M\",\"referred\":\"no\"}\n");
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class,
                () -> AuditData.fromJsonLines(later, spec("gender")));
        assertTrue(l.getMessage().contains("l.jsonl: line 2: key 'Gender'"), l.getMessage());
    }

    @Test
    void jsonLines_columnThatNoLineHas_isAnError() throws IOException {
        Path p = file("n.jsonl", "{\"sex\":\"F\",\"referred\":\"yes\"}\n{\"sex\":\"M\",\"referred\":\"no\"}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditData.fromJsonLines(p, spec("gender")));
        assertTrue(e.getMessage().contains("no line has the key 'gender'") && e.getMessage().contains("[sex, referred]"),
                e.getMessage());
        // absent from some lines only: those are empty cells (their own group), as documented
        Path some = file("o.jsonl", "{\"sex\":\"F\",\"referred\":\"yes\"}\n{\"referred\":\"no\"}\n");
        AuditData d = AuditData.fromJsonLines(some, spec("sex"));
        assertEquals(List.of("F", AuditData.MISSING), d.levels(0));
    }

    @Test
    void twoKeysOfOneObject_thatCollideOnceCaseFolded_areRefused() throws IOException {
        Path p = file("c.jsonl", "{\"sex\":\"F\",\"referred\":\"yes\"}\n{\"sex\":\"F\",\"SEX\":\"M\",\"referred\":\"no\"}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditData.fromJsonLines(p, spec("sex")));
        assertTrue(e.getMessage().contains("c.jsonl: line 2: keys 'sex' and 'SEX'")
                && e.getMessage().contains("which one is meant cannot be known"), e.getMessage());
        // even when neither is an audited column: the object is ambiguous
        Path q = file("d.jsonl", "{\"sex\":\"F\",\"id\":1,\"ID\":2,\"referred\":\"yes\"}\n");
        assertThrows(IllegalArgumentException.class, () -> AuditData.fromJsonLines(q, spec("sex")));
    }

    @Test
    void csvHeader_namesThatCollideOnceCaseFolded_areRefused() throws IOException {
        Path p = file("h.csv", "sex,referred,\"Sex \"\nF,yes,M\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditData.fromCsv(p, spec("sex")));
        assertTrue(e.getMessage().contains("h.csv: line 1, column 3: the header names 'sex' and 'Sex '"),
                e.getMessage());
        Path q = file("g.csv", "Gender,referred\nF,yes\n");
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> AuditData.fromCsv(q, spec("gender")));
        assertTrue(g.getMessage().contains("did you mean 'Gender'?"), g.getMessage());
    }

    /** Issue 13, fourth round (t/cyrkeyM.jsonl, t/cyrout.jsonl): a look-alike key on some lines only. */
    @Test
    void jsonLines_lookAlikeKeyOnSomeLines_isAnErrorNamingFileLineAndKey() throws IOException {
        // line 1 and 3 spell the key right; line 2 has a Cyrillic "\u0435" in "gender"
        Path p = file("m.jsonl", "{\"gender\":\"F\",\"referred\":\"yes\"}\n{\"g\u0435nder\":\"M\",\"referred\":\"no\"}\n"
                + "{\"gender\":\"M\",\"referred\":\"no\"}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditData.fromJsonLines(p, spec("gender")));
        assertTrue(e.getMessage().contains("m.jsonl: line 2: key 'g\u0435nder' is not the asked-for column 'gender'")
                && e.getMessage().contains("Latin+Cyrillic"), e.getMessage());
        // the same for the outcome column (a Cyrillic "\u0435" in "employed" on line 1 only)
        Path q = file("o.jsonl", "{\"gender\":\"F\",\"referred\":\"yes\",\"\u0435mployed\":1}\n"
                + "{\"gender\":\"M\",\"referred\":\"no\",\"employed\":0}\n");
        IllegalArgumentException o = assertThrows(IllegalArgumentException.class, () -> AuditData.fromJsonLines(q,
                AuditColumns.of(List.of("gender"), "referred", Set.of("yes")).withOutcome("employed", Set.of("1"), Set.of())));
        assertTrue(o.getMessage().contains("o.jsonl: line 1: key '\u0435mployed'"), o.getMessage());
    }

    @Test
    void csvHeader_namesThatAreLookAlikesOfEachOther_areRefused() throws IOException {
        Path p = file("c.csv", "gender,referred,g\u0435nder\nF,yes,M\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditData.fromCsv(p, spec("gender")));
        assertTrue(e.getMessage().contains("c.csv: line 1, column 3: the header names 'gender' and 'g\u0435nder'")
                && e.getMessage().contains("look-alike"), e.getMessage());
        // all-Cyrillic keys that merely exist beside the asked-for ones are not refused
        Path ok = file("k.csv", "gender,referred,\u0433\u043e\u0440\u043e\u0434\nF,yes,x\nM,no,y\n");
        assertEquals(2, AuditData.fromCsv(ok, spec("gender")).rows());
    }
}
