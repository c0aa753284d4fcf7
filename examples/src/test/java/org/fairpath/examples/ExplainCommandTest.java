package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fairpath explain} on a boosted-tree bundle: TreeSHAP, the benefit in percentage points with the drivers
 * adding up to it (oracle: the printed benefit minus the average case's equals the sum of the printed drivers when all
 * attributes are shown, to rounding), another language, counterfactuals and cautions.
 */
final class ExplainCommandTest {

    @TempDir
    Path dir;

    @Test
    void explain_boostedTrees_leadsWithTheBenefitInPoints() throws IOException {
        Path bundle = dir.resolve("b");
        DemoCommandTest.Run t = DemoCommandTest.run("train", "--out", bundle.toString(), "--cases", "3000", "--bags",
                "2", "--learner", "trees");
        assertEquals(0, t.status(), t.err());
        Path profile = dir.resolve("p.json");
        Files.writeString(profile, "{\"id\":\"js-0042\",\"attributes\":{\"age\":52,\"citizenship_group\":\"national\","
                + "\"education_level\":\"upper_secondary\",\"months_unemployed\":14,\"months_employed_last_5y\":40,"
                + "\"region\":\"north\",\"care_duties\":false,\"driving_licence\":true,\"previous_programme\":false}}");
        DemoCommandTest.Run r = DemoCommandTest.run("explain", "--bundle", bundle.toString(), "--profile",
                profile.toString(), "--top", "50");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("exact-treeshap") || r.out().contains("treeshap"), r.out());
        Matcher benefit = Pattern.compile("expected benefit over no programme: ([-+][0-9.]+) pp.*\\(average case"
                + " ([-+][0-9.]+) pp\\)").matcher(r.out());
        assertTrue(benefit.find(), r.out());
        String drivers = r.out().substring(r.out().indexOf("what moves the benefit"),
                r.out().indexOf("chance of employment with it"));
        Matcher m = Pattern.compile("\\s([-+][0-9]+\\.[0-9]) pp").matcher(drivers);
        double sum = 0;
        int n = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
            n++;
        }
        assertTrue(n >= 5, drivers);
        double expected = Double.parseDouble(benefit.group(1)) - Double.parseDouble(benefit.group(2));
        assertEquals(expected, sum, 0.05 * n + 0.1, r.out()); // each printed value is rounded to 0.1
        assertTrue(r.out().contains("counterfactual"), r.out());
        assertTrue(r.out().contains("This is a suggestion for a counsellor"), r.out());
        assertFalse(r.out().contains("NaN"), r.out());

        DemoCommandTest.Run de = DemoCommandTest.run("explain", "--bundle", bundle.toString(), "--profile",
                profile.toString(), "--lang", "de");
        assertEquals(0, de.status(), de.err());
        assertTrue(de.out().contains("Prozentpunkte"), de.out());
        DemoCommandTest.Run bad = DemoCommandTest.run("explain", "--bundle", bundle.toString(), "--profile",
                profile.toString(), "--lang", "xx");
        assertEquals(2, bad.status());
        // TreeSHAP is relative to the training data: a chosen reference person is refused, never silently ignored
        for (String what : new String[] {"--service=wage_subsidy", "--profiling"}) {
            DemoCommandTest.Run ref = DemoCommandTest.run("explain", "--bundle", bundle.toString(), "--profile",
                    profile.toString(), "--reference", profile.toString(), what);
            assertEquals(2, ref.status(), ref.out() + ref.err());
            assertTrue(ref.err().contains("--reference works only for logistic models"), ref.err());
        }
    }
}
