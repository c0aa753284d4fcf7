package org.fairpath.core.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

final class ReasonCodesTest {

    @Test
    void defaults_haveEightCodesLabelledInFiveLanguages() {
        ReasonCodes r = ReasonCodes.defaults();
        assertEquals(8, r.codes().size());
        for (String code : r.codes()) {
            for (Locale l : List.of(Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN, new Locale("nl"), new Locale("fi"))) {
                assertTrue(!r.label(code, l).isBlank());
            }
        }
        assertEquals("Sonstiges (bitte erläutern)", r.label("OTHER", Locale.GERMAN));
        assertTrue(r.noteRequired("OTHER"));
    }

    @Test
    void fromJson_badLists_areRejectedNamingTheEntry() {
        assertThrows(IllegalArgumentException.class, () -> ReasonCodes.fromJson("{\"schemaVersion\":1,\"codes\":[]}"));
        IllegalArgumentException lower = assertThrows(IllegalArgumentException.class, () -> ReasonCodes.fromJson(
                "{\"schemaVersion\":1,\"codes\":[{\"code\":\"other\",\"labels\":{\"en\":\"x\"}}]}"));
        assertTrue(lower.getMessage().contains("codes[0].code 'other' is not allowed"), lower.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> ReasonCodes.fromJson(
                "{\"schemaVersion\":1,\"codes\":[{\"code\":\"A1\",\"labels\":{\"en\":\"x\"}},"
                        + "{\"code\":\"A1\",\"labels\":{\"en\":\"y\"}}]}"));
        assertTrue(twice.getMessage().contains("appears twice"), twice.getMessage());
        ReasonCodes custom = ReasonCodes.fromJson("{\"schemaVersion\":1,\"codes\":[{\"code\":\"A1\","
                + "\"labels\":{\"en\":\"x\"}}]}");
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> custom.check("A1", "x".repeat(501)));
        assertEquals("note has 501 characters; at most 500 are allowed", tooLong.getMessage());
    }
}
