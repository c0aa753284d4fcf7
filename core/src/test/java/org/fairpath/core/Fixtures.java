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

    /**
     * The schema of the NSW job-training data in shared/data (both files): age, schooling, ethnicity (protected and
     * used as a confounder adjustment), married, earnings 1974 and 1975 in $1,000, and no-earnings flags.
     */
    public static Schema nswSchema() {
        return Schema.of("nsw", java.util.List.of(
                Attribute.numeric("age", 16, 60).integer().roles(Role.FEATURE, Role.PROTECTED)
                        .justification("confounder adjustment in the NSW replication").label("en", "Age").build(),
                Attribute.numeric("educ", 0, 20).integer().roles(Role.FEATURE).label("en", "Years of schooling")
                        .build(),
                Attribute.categorical("ethn", java.util.List.of("other", "black", "hispanic"))
                        .roles(Role.FEATURE, Role.PROTECTED)
                        .justification("confounder adjustment in the NSW replication").label("en", "Ethnicity").build(),
                Attribute.bool("married").roles(Role.FEATURE).label("en", "Married").build(),
                Attribute.numeric("re74", 0, 200_000).roles(Role.FEATURE).label("en", "Earnings 1974 ($1,000)")
                        .build(),
                Attribute.numeric("re75", 0, 200_000).roles(Role.FEATURE).label("en", "Earnings 1975 ($1,000)")
                        .build(),
                Attribute.bool("u74").roles(Role.FEATURE).label("en", "No earnings 1974").build(),
                Attribute.bool("u75").roles(Role.FEATURE).label("en", "No earnings 1975").build()));
    }

    /** A profile under {@link #nswSchema()} from a row of nsw_dw_psid1.csv (earnings in $1,000). */
    public static JobseekerProfile nswProfile(Schema nsw, String id, Map<String, String> r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("age", Double.parseDouble(r.get("age")));
        m.put("educ", Double.parseDouble(r.get("educ")));
        m.put("ethn", r.get("ethn"));
        m.put("married", r.get("married").equals("1"));
        m.put("re74", Double.parseDouble(r.get("re74")) / 1000);
        m.put("re75", Double.parseDouble(r.get("re75")) / 1000);
        m.put("u74", r.get("u74").equals("1"));
        m.put("u75", r.get("u75").equals("1"));
        return JobseekerProfile.of(nsw, id, m);
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
