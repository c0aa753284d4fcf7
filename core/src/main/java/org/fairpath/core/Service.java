package org.fairpath.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One service a PES can offer (job-search assistance, vocational training, ...) with who may receive it.
 *
 * <p>Immutable and thread-safe. Services come from a {@link ServiceCatalogue}; {@link #isEligible} allocates nothing.
 */
public final class Service {

    private final String id;
    private final Map<String, String> labels;
    private final Map<String, String> descriptions;
    private final int intensity;
    private final Integer capacity;
    private final Rule rule;
    private final Schema schema;

    Service(Schema schema, String id, Map<String, String> labels, Map<String, String> descriptions, int intensity, Integer capacity,
            Rule rule) {
        this.id = id;
        this.labels = Map.copyOf(labels);
        this.descriptions = Map.copyOf(descriptions);
        this.intensity = intensity;
        this.capacity = capacity;
        this.rule = rule;
        this.schema = schema;
    }

    public String id() {
        return id;
    }

    /** Label for {@code locale}'s language, else English. */
    public String label(Locale locale) {
        return labels.getOrDefault(locale.getLanguage(), labels.get("en"));
    }

    /** Labels by language tag; always holds {@code en}. */
    public Map<String, String> labels() {
        return labels;
    }

    /** Description for {@code locale}'s language, else English. */
    public String description(Locale locale) {
        return descriptions.getOrDefault(locale.getLanguage(), descriptions.get("en"));
    }

    public Map<String, String> descriptions() {
        return descriptions;
    }

    /**
     * How intensive the service is, from 1 (light, e.g. digital self-service) to 5 (most intensive); audits use it
     * to tell whether counsellors override towards more or less intensive services.
     */
    public int intensity() {
        return intensity;
    }

    /** Places available per period, if the catalogue states it. */
    public OptionalInt capacity() {
        return capacity == null ? OptionalInt.empty() : OptionalInt.of(capacity);
    }

    /** The eligibility rule in words, or {@code "open to everyone"}. */
    public String eligibilityRule() {
        return rule == null ? "open to everyone" : rule.describe();
    }

    Rule rule() {
        return rule;
    }

    /**
     * Whether {@code profile} meets this service's eligibility rule. Allocates nothing.
     *
     * @throws IllegalArgumentException if the profile's schema is not the one the catalogue was checked against
     */
    public boolean isEligible(JobseekerProfile profile) {
        checkSchema(profile);
        return rule == null || rule.test(profile);
    }

    private void checkSchema(JobseekerProfile profile) {
        if (profile.schema() != schema && !profile.schema().equals(schema)) {
            throw new IllegalArgumentException("profile '" + profile.id() + "' uses schema '"
                    + profile.schema().name() + "', not the schema '" + schema.name()
                    + "' that service '" + id + "' was checked against");
        }
    }

    /** Whether {@code profile} is eligible, with the reason in words. */
    public Eligibility eligibility(JobseekerProfile profile) {
        checkSchema(profile);
        if (rule == null) {
            return new Eligibility(id, true, "open to everyone");
        }
        List<String> why = new ArrayList<>();
        if (rule.test(profile)) {
            rule.whyMet(profile, why);
            return new Eligibility(id, true, "eligible: " + String.join("; ", why));
        }
        rule.whyNot(profile, why);
        return new Eligibility(id, false, "not eligible: " + String.join("; ", why));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Service)) {
            return false;
        }
        Service s = (Service) o;
        return id.equals(s.id) && labels.equals(s.labels) && descriptions.equals(s.descriptions)
                && intensity == s.intensity && Objects.equals(capacity, s.capacity)
                && eligibilityRule().equals(s.eligibilityRule());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, intensity, eligibilityRule());
    }

    @Override
    public String toString() {
        return "Service[" + id + ", intensity " + intensity + ", " + eligibilityRule() + "]";
    }
}
