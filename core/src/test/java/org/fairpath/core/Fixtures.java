package org.fairpath.core;

import java.util.LinkedHashMap;
import java.util.Map;

/** Shared test fixtures (published in fairpath-core's test jar for the other modules). */
public final class Fixtures {

    private Fixtures() {
    }

    /** A complete, valid set of values for {@link Schema#defaultPes()}; a fresh mutable map each call. */
    public static Map<String, Object> validValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("age", 34);
        m.put("gender", "female");
        m.put("citizenship_group", "non_eu");
        m.put("disability", false);
        m.put("education_level", "upper_secondary");
        m.put("months_unemployed", 8);
        m.put("months_employed_last_5y", 30);
        m.put("language_level", "b1");
        m.put("region", "north");
        m.put("care_duties", true);
        m.put("driving_licence", false);
        m.put("digital_skills", "basic");
        m.put("previous_programme", false);
        m.put("occupation_group", "services_sales");
        return m;
    }

    /** A valid profile under {@link Schema#defaultPes()} with the values of {@link #validValues()}. */
    public static JobseekerProfile profile(String id) {
        return JobseekerProfile.of(Schema.defaultPes(), id, validValues());
    }

    /** A valid profile with some values replaced ({@code null} for unknown). */
    public static JobseekerProfile profile(String id, Object... nameValuePairs) {
        Map<String, Object> m = validValues();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            m.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return JobseekerProfile.of(Schema.defaultPes(), id, m);
    }
}
