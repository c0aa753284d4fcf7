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

    /**
     * A file of the real public datasets in {@code shared/data} beside the repository (see its README), found by
     * walking up from the working directory.
     *
     * @throws IllegalStateException if it cannot be found
     */
    public static java.nio.file.Path sharedData(String file) {
        for (java.nio.file.Path d = java.nio.file.Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            java.nio.file.Path candidate = d.resolve("shared").resolve("data").resolve(file);
            if (java.nio.file.Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/data/" + file + " not found above " + java.nio.file.Path.of("")
                .toAbsolutePath() + "; the tests need the shared data folder beside the repository");
    }

    /** The rows of a plain CSV file in {@code shared/data} (no quoting, empty field = missing) as header-to-value maps. */
    public static java.util.List<Map<String, String>> readSharedCsv(String file) throws java.io.IOException {
        java.util.List<String> lines = java.nio.file.Files.readAllLines(sharedData(file));
        String[] header = lines.get(0).split(",", -1);
        java.util.List<Map<String, String>> rows = new java.util.ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length != header.length) {
                throw new IllegalStateException(file + ": a row has " + f.length + " fields, the header "
                        + header.length);
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < f.length; i++) {
                m.put(header[i], f[i]);
            }
            rows.add(m);
        }
        return rows;
    }

    /** A valid profile under a one-attribute schema "other", to check that components refuse foreign schemas. */
    public static JobseekerProfile foreignProfile() {
        Schema other = Schema.of("other", java.util.List.of(Attribute.numeric("age", 16, 67).roles(Role.FEATURE)
                .label("en", "Age").build()));
        return JobseekerProfile.of(other, "a", Map.of("age", 30));
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
