package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 from the command line: the demo's sample decision keeps its explanation hash, 'fairpath notice'
 * regenerates its notice byte for byte from the log, the bundle and the profile (oracle: the notice the demo wrote
 * when deciding), refuses a decision without a hash or a changed profile (exit 1), and 'recommend --card' writes the
 * card; the demo's log holds no counsellor id in clear.
 */
final class NoticeCommandTest {

    @TempDir
    static Path dir;
    static Path demo;

    @BeforeAll
    static void runDemo() {
        demo = dir.resolve("demo");
        DemoCommandTest.Run r = DemoCommandTest.run("demo", "--cases", "2500", "--seed", "3", "--out",
                demo.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("keeps the hash of the explanation shown"), r.out());
        assertTrue(r.out().contains("counsellor ids: in the log as keyed hashes (HMAC-SHA-256), never in clear"),
                r.out());
    }

    private static String[] notice(String sequence, String profile, String lang, Path out, String... more) {
        String[] base = {"notice", "--log", demo.resolve("decisions.jsonl").toString(), "--sequence", sequence,
                "--bundle", demo.resolve("model-bundle").toString(), "--profile", profile, "--contact",
                DemoNotice.CONTACT.contact(), "--days", "30", "--lang", lang, "--out", out.toString()};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void notice_regeneratedFromTheLog_isByteIdentical_toTheOneWrittenAtDecision() throws Exception {
        Path out = dir.resolve("again.html");
        DemoCommandTest.Run r = DemoCommandTest.run(notice("1", demo.resolve("notice-profile.json").toString(), "en",
                out));
        assertEquals(0, r.status(), r.err());
        assertArrayEquals(Files.readAllBytes(demo.resolve("notice.html")), Files.readAllBytes(out));
        Path text = dir.resolve("again.txt");
        assertEquals(0, DemoCommandTest.run(notice("1", demo.resolve("notice-profile.json").toString(), "en", text))
                .status());
        assertArrayEquals(Files.readAllBytes(demo.resolve("notice.txt")), Files.readAllBytes(text));
        Path fi = dir.resolve("fi.html");
        assertEquals(0, DemoCommandTest.run(notice("1", demo.resolve("notice-profile.json").toString(), "fi", fi))
                .status());
        assertTrue(Files.readString(fi, StandardCharsets.UTF_8).startsWith("<!DOCTYPE html>\n<html lang=\"fi\">"));
    }

    @Test
    void notice_withoutHash_orOtherProfile_exitsOne_andWritesNothing() throws Exception {
        Path out = dir.resolve("refused.html");
        DemoCommandTest.Run noHash = DemoCommandTest.run(notice("2", demo.resolve("notice-profile.json").toString(),
                "en", out));
        assertEquals(1, noHash.status(), noHash.err());
        assertTrue(noHash.err().startsWith("fairpath notice: record 2 has no explanationHash"), noHash.err());
        assertEquals(1, noHash.err().lines().count());
        String json = Files.readString(demo.resolve("notice-profile.json"), StandardCharsets.UTF_8);
        Path other = dir.resolve("other-profile.json");
        Files.writeString(other, json.replaceFirst("\"js-|\"syn-", "$0x"), StandardCharsets.UTF_8);
        DemoCommandTest.Run changed = DemoCommandTest.run(notice("1", other.toString(), "en", out));
        assertEquals(1, changed.status(), changed.err());
        assertTrue(changed.err().contains("a changed or other profile") || changed.err().contains("jobseeker"),
                changed.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void notice_badOptions_areUsageErrors() {
        Path out = dir.resolve("x.html");
        String profile = demo.resolve("notice-profile.json").toString();
        DemoCommandTest.Run lang = DemoCommandTest.run(notice("1", profile, "sv", out));
        assertEquals(2, lang.status());
        assertTrue(lang.err().contains("--lang is 'sv'; allowed: en, fr, de, nl, fi"), lang.err());
        DemoCommandTest.Run days = DemoCommandTest.run(notice("1", profile, "en", out, "--days", "400"));
        assertEquals(2, days.status(), days.err());
        DemoCommandTest.Run ext = DemoCommandTest.run(notice("1", profile, "en", dir.resolve("x.pdf")));
        assertEquals(2, ext.status());
        assertTrue(ext.err().contains("must end in .html or .txt"), ext.err());
        DemoCommandTest.Run missing = DemoCommandTest.run(notice("999999", profile, "en", out));
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("--sequence 999999 is not a record of"), missing.err());
    }

    @Test
    void recommend_card_writesTheFragment_inTheLanguageAsked() throws Exception {
        Path card = dir.resolve("card-nl.html");
        DemoCommandTest.Run r = DemoCommandTest.run("recommend", "--bundle", demo.resolve("model-bundle").toString(),
                "--profile", demo.resolve("notice-profile.json").toString(), "--card", card.toString(), "--lang",
                "nl", "--assess-first");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("explanation hash: "), r.out());
        String html = Files.readString(card, StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<section class=\"fpc\" lang=\"nl\""), html);
        assertTrue(html.contains("<details class=\"fpc-reveal\">"), html);
        assertFalse(html.contains("<script"));
        DemoCommandTest.Run again = DemoCommandTest.run("recommend", "--bundle",
                demo.resolve("model-bundle").toString(), "--profile", demo.resolve("notice-profile.json").toString(),
                "--card", card.toString());
        assertEquals(2, again.status(), "an existing card is not replaced without --overwrite");
        DemoCommandTest.Run noCard = DemoCommandTest.run("recommend", "--bundle",
                demo.resolve("model-bundle").toString(), "--profile", demo.resolve("notice-profile.json").toString(),
                "--lang", "fr");
        assertEquals(2, noCard.status());
        assertTrue(noCard.err().contains("give --card FILE"), noCard.err());
    }

    @Test
    void demoLog_holdsNoCounsellorIdInClear() throws Exception {
        String log = Files.readString(demo.resolve("decisions.jsonl"), StandardCharsets.UTF_8);
        assertFalse(log.contains("\"counsellor\":\"counsellor-"), "a clear counsellor id in the demo log");
        assertTrue(log.contains("\"counsellor\":\"hmac:"));
    }
}
