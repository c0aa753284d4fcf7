package org.fairpath.core.allocation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fairpath.core.Attribute;
import org.fairpath.core.AttributeType;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.Sha256;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.ServiceSuggestion;

/**
 * The jobseekers to allocate: for each, the estimated chance of employment without a programme and with each
 * service they are eligible for (NaN where not eligible), and the group each belongs to for every grouping
 * attribute a constraint or report may use.
 *
 * <p>Immutable. Probabilities must lie in (0, 1]; ids must be unique and non-empty; groups are non-empty labels
 * (use an explicit label such as {@code "(unknown)"} for a missing value: a missing group is never guessed).
 */
public final class Cohort {

    /** Group label for a jobseeker whose grouping attribute is unknown. */
    public static final String UNKNOWN_GROUP = "(unknown)";

    private final List<String> ids;
    private final List<String> services;
    private final double[] pWithout;
    private final double[] pWith; // n * services
    private final Map<String, List<String>> groups;
    private final String modelVersion;
    private final String inputHash;

    private Cohort(List<String> ids, List<String> services, double[] pWithout, double[] pWith,
                   Map<String, List<String>> groups, String modelVersion) {
        this.ids = ids;
        this.services = services;
        this.pWithout = pWithout;
        this.pWith = pWith;
        this.groups = groups;
        this.modelVersion = modelVersion;
        this.inputHash = hash();
    }

    /**
     * A cohort from arrays.
     *
     * @param ids          jobseeker pseudonyms, unique
     * @param services     the service ids (not {@code no_programme}), unique
     * @param pWithout     P(employed | no programme) per jobseeker, in (0, 1]
     * @param pWith        per jobseeker, P(employed | service) per service in (0, 1], NaN where not eligible
     * @param groups       per grouping attribute, the group label of each jobseeker
     * @param modelVersion the version of the models that gave the probabilities
     * @throws IllegalArgumentException naming the field, the jobseeker and what is allowed
     */
    public static Cohort of(List<String> ids, List<String> services, double[] pWithout, double[][] pWith,
                            Map<String, List<String>> groups, String modelVersion) {
        int n = ids.size();
        int m = services.size();
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (id == null || id.isEmpty()) {
                throw new IllegalArgumentException("cohort: a jobseeker id is empty; every jobseeker needs its pseudonym");
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException("cohort: jobseeker id '" + id + "' occurs twice; ids must be unique");
            }
        }
        Set<String> svc = new HashSet<>();
        for (String s : services) {
            if (s == null || s.isEmpty() || s.equals(ServiceCatalogue.BASELINE) || !svc.add(s)) {
                throw new IllegalArgumentException("cohort: service id '" + s + "' is empty, repeated or '"
                        + ServiceCatalogue.BASELINE + "'; list each real service once");
            }
        }
        if (pWithout.length != n || pWith.length != n) {
            throw new IllegalArgumentException("cohort: " + n + " ids but " + pWithout.length + " pWithout and "
                    + pWith.length + " pWith rows; give one of each per jobseeker");
        }
        double[] flat = new double[n * m];
        for (int i = 0; i < n; i++) {
            checkProbability("pWithout", ids.get(i), null, pWithout[i]);
            if (pWith[i].length != m) {
                throw new IllegalArgumentException("cohort: jobseeker '" + ids.get(i) + "' has " + pWith[i].length
                        + " pWith values; give one per service " + services + " (NaN where not eligible)");
            }
            for (int s = 0; s < m; s++) {
                if (!Double.isNaN(pWith[i][s])) {
                    checkProbability("pWith", ids.get(i), services.get(s), pWith[i][s]);
                }
                flat[i * m + s] = pWith[i][s];
            }
        }
        Map<String, List<String>> g = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : groups.entrySet()) {
            List<String> labels = List.copyOf(e.getValue());
            if (labels.size() != n) {
                throw new IllegalArgumentException("cohort: grouping attribute '" + e.getKey() + "' has "
                        + labels.size() + " labels for " + n + " jobseekers; give one per jobseeker");
            }
            for (int i = 0; i < n; i++) {
                if (labels.get(i).isEmpty()) {
                    throw new IllegalArgumentException("cohort: jobseeker '" + ids.get(i) + "' has an empty group for '"
                            + e.getKey() + "'; use '" + UNKNOWN_GROUP + "' for an unknown value");
                }
            }
            g.put(e.getKey(), labels);
        }
        return new Cohort(List.copyOf(ids), List.copyOf(services), pWithout.clone(), flat, Map.copyOf(g),
                Objects.requireNonNull(modelVersion, "modelVersion"));
    }

    /**
     * A cohort from recommendations (one per profile, same order): the probabilities are the recommendations' point
     * estimates, a service absent from a recommendation's suggestions counts as not eligible, and the groups are the
     * profiles' values of {@code groupAttributes} (categorical, ordinal or boolean; unknown values become
     * {@link #UNKNOWN_GROUP}).
     *
     * @throws IllegalArgumentException if the lists do not match, a recommendation has no P(without) (a
     *                                  profiling-only deployment), or an attribute is unknown or numeric
     */
    public static Cohort of(List<Recommendation> recommendations, List<JobseekerProfile> profiles,
                            List<String> services, List<String> groupAttributes) {
        if (recommendations.size() != profiles.size()) {
            throw new IllegalArgumentException("cohort: " + recommendations.size() + " recommendations for "
                    + profiles.size() + " profiles; give one per profile");
        }
        int n = profiles.size();
        List<String> ids = new ArrayList<>(n);
        double[] p0 = new double[n];
        double[][] p = new double[n][services.size()];
        String version = null;
        for (int i = 0; i < n; i++) {
            Recommendation r = recommendations.get(i);
            if (!r.jobseekerId().equals(profiles.get(i).id())) {
                throw new IllegalArgumentException("cohort: recommendation " + i + " is for '" + r.jobseekerId()
                        + "' but profile " + i + " is '" + profiles.get(i).id() + "'; keep them in the same order");
            }
            if (version == null) {
                version = r.modelVersion();
            } else if (!version.equals(r.modelVersion())) {
                throw new IllegalArgumentException("cohort: recommendations come from two model versions ("
                        + version + ", " + r.modelVersion() + "); allocate with one");
            }
            if (!r.hasOutcomeModels()) {
                throw new IllegalArgumentException("cohort: the recommendation for '" + r.jobseekerId() + "' has no"
                        + " P(without): model " + r.modelVersion().substring(0, Math.min(12, r.modelVersion().length()))
                        + " is a profiling-only deployment, and allocation needs outcome models per service and for "
                        + ServiceCatalogue.BASELINE);
            }
            ids.add(r.jobseekerId());
            p0[i] = r.pWithout();
            Arrays.fill(p[i], Double.NaN);
            for (ServiceSuggestion s : r.suggestions()) {
                int k = services.indexOf(s.serviceId());
                if (k >= 0) {
                    p[i][k] = s.pWith();
                }
            }
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String a : groupAttributes) {
            List<String> labels = new ArrayList<>(n);
            for (JobseekerProfile profile : profiles) {
                Attribute attr;
                try {
                    attr = profile.schema().attribute(a);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("grouping attribute '" + a + "' is not in the schema: "
                            + e.getMessage(), e);
                }
                if (attr.type() == AttributeType.NUMERIC) {
                    throw new IllegalArgumentException("grouping attribute '" + a + "' is numeric; groups need a"
                            + " categorical, ordinal or boolean attribute (band numbers first)");
                }
                Object v = profile.value(a);
                labels.add(v == null ? UNKNOWN_GROUP : v.toString());
            }
            groups.put(a, labels);
        }
        return of(ids, services, p0, p, groups, version == null ? "none" : version);
    }

    private static void checkProbability(String field, String id, String service, double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("cohort: " + field + (service == null ? "" : " of " + service)
                    + " for jobseeker '" + id + "' is " + p + "; allowed: a probability in (0, 1]"
                    + (service == null ? "" : " or NaN for not eligible"));
        }
    }

    /** Number of jobseekers. */
    public int size() {
        return ids.size();
    }

    public List<String> ids() {
        return ids;
    }

    public List<String> services() {
        return services;
    }

    /** P(employed | no programme) of jobseeker {@code i}. */
    public double pWithout(int i) {
        return pWithout[i];
    }

    /** P(employed | service {@code s}) of jobseeker {@code i}, NaN where not eligible. */
    public double pWith(int i, int s) {
        return pWith[i * services.size() + s];
    }

    public boolean eligible(int i, int s) {
        return !Double.isNaN(pWith(i, s));
    }

    /** Per grouping attribute, each jobseeker's group label. */
    public Map<String, List<String>> groups() {
        return groups;
    }

    public String modelVersion() {
        return modelVersion;
    }

    /** SHA-256 over the ids, probabilities and groups in order: what the decision log records as the input. */
    public String inputHash() {
        return inputHash;
    }

    private String hash() {
        MessageDigest d = Sha256.digest();
        StringBuilder sb = new StringBuilder();
        sb.append("services=").append(services).append('\n');
        sb.append("groups=").append(new java.util.TreeSet<>(groups.keySet())).append('\n');
        for (int i = 0; i < ids.size(); i++) {
            sb.append(ids.get(i)).append('\t').append(pWithout[i]);
            for (int s = 0; s < services.size(); s++) {
                sb.append('\t').append(pWith(i, s));
            }
            for (String a : new java.util.TreeSet<>(groups.keySet())) {
                sb.append('\t').append(groups.get(a).get(i));
            }
            sb.append('\n');
            if (sb.length() > 1 << 16) {
                d.update(sb.toString().getBytes(StandardCharsets.UTF_8));
                sb.setLength(0);
            }
        }
        d.update(sb.toString().getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(d.digest());
    }
}
