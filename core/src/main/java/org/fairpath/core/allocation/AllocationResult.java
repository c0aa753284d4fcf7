package org.fairpath.core.allocation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairpath.core.Fairpath;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.Sha256;
import org.fairpath.core.log.Appended;
import org.fairpath.core.log.DecisionStore;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.ServiceSuggestion;

/**
 * The outcome of one allocation run: each jobseeker's option (in the cohort's order), the capacity-only and
 * unconstrained options beside it, the objective values, the bound from the linear programme and any group
 * constraint left unmet by whole places.
 *
 * <p>Options are numbered 0 for {@code no_programme}, {@code s + 1} for the cohort's service {@code s}.
 */
public final class AllocationResult {

    /** Record type of an allocation run in the decision log. */
    public static final String LOG_TYPE = "ALLOCATION";

    /**
     * A group constraint the whole-place allocation misses.
     *
     * @param constraint the constraint as written
     * @param group      the group (for a gap: "g vs h")
     * @param service    the service, or empty for a gap
     * @param excess     by how much it is missed, in the constraint's unit (places for a share, rate points / 100
     *                   for a gap)
     */
    public record Violation(String constraint, String group, String service, double excess) {
    }

    private final Cohort cohort;
    private final AllocationSettings settings;
    private final int[] option;
    private final int[] capacityOnly;
    private final int[] unconstrained;
    private final double objective;
    private final double capacityObjective;
    private final double unconstrainedObjective;
    private final double bound;
    private final int iterations;
    private final boolean converged;
    private final int repairMoves;
    private final List<Violation> violations;
    private final long[] capacities;

    AllocationResult(Cohort cohort, AllocationSettings settings, long[] capacities, int[] option, int[] capacityOnly,
                     int[] unconstrained, double objective, double capacityObjective, double unconstrainedObjective,
                     double bound, int iterations, boolean converged, int repairMoves, List<Violation> violations) {
        this.cohort = cohort;
        this.settings = settings;
        this.capacities = capacities;
        this.option = option;
        this.capacityOnly = capacityOnly;
        this.unconstrained = unconstrained;
        this.objective = objective;
        this.capacityObjective = capacityObjective;
        this.unconstrainedObjective = unconstrainedObjective;
        this.bound = bound;
        this.iterations = iterations;
        this.converged = converged;
        this.repairMoves = repairMoves;
        this.violations = List.copyOf(violations);
    }

    public Cohort cohort() {
        return cohort;
    }

    public AllocationSettings settings() {
        return settings;
    }

    /** The allocated option of jobseeker {@code i}: 0 for no programme, {@code s + 1} for service {@code s}. */
    public int option(int i) {
        return option[i];
    }

    /** The option of jobseeker {@code i} under the capacities alone (no group constraint). */
    public int capacityOnlyOption(int i) {
        return capacityOnly[i];
    }

    /** The option of jobseeker {@code i} with the largest objective value, ignoring every limit. */
    public int unconstrainedOption(int i) {
        return unconstrained[i];
    }

    /** The allocated options, a copy. */
    public int[] options() {
        return option.clone();
    }

    /** {@code no_programme} for 0, else the cohort's service id. */
    public String optionId(int o) {
        return o == 0 ? ServiceCatalogue.BASELINE : cohort.services().get(o - 1);
    }

    /** The objective summed over the cohort for the allocation. */
    public double objective() {
        return objective;
    }

    /** The objective of the capacity-only allocation (exact: equal to its linear programme's optimum). */
    public double capacityObjective() {
        return capacityObjective;
    }

    /** The objective if everyone got their best option (an upper bound on every allocation). */
    public double unconstrainedObjective() {
        return unconstrainedObjective;
    }

    /**
     * An upper bound on the objective of any allocation meeting the capacities and the group constraints, from the
     * linear programme (with no group constraint it equals {@link #objective()}).
     */
    public double bound() {
        return bound;
    }

    /** {@code bound() - objective()}: how far whole places may be from the best fractional allocation. */
    public double gap() {
        return bound - objective;
    }

    /** Cutting-plane iterations (0 without group constraints). */
    public int iterations() {
        return iterations;
    }

    /** Whether the prices converged, so that {@link #bound()} is the LP optimum (not only a bound). */
    public boolean converged() {
        return converged;
    }

    /** Single moves made to repair the whole-place allocation towards the group constraints. */
    public int repairMoves() {
        return repairMoves;
    }

    /** The group constraints missed by whole places; empty when all are met. */
    public List<Violation> violations() {
        return violations;
    }

    /** Places used per service id, in the cohort's service order. */
    public Map<String, Long> placesUsed() {
        long[] used = new long[cohort.services().size() + 1];
        for (int o : option) {
            used[o]++;
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (int s = 0; s < cohort.services().size(); s++) {
            out.put(cohort.services().get(s), used[s + 1]);
        }
        return out;
    }

    /** The capacity of each service as used in this run ({@code Long.MAX_VALUE}: unlimited). */
    public Map<String, Long> capacities() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int s = 0; s < cohort.services().size(); s++) {
            out.put(cohort.services().get(s), capacities[s + 1]);
        }
        return out;
    }

    /** Expected chance of employment of jobseeker {@code i} under option {@code o}. */
    public double probability(int i, int o) {
        return o == 0 ? cohort.pWithout(i) : cohort.pWith(i, o - 1);
    }

    /** Why the allocation of jobseeker {@code i} differs from the unconstrained best. */
    public Placement.Reason reason(int i) {
        if (option[i] != capacityOnly[i]) {
            return Placement.Reason.GROUP_CONSTRAINT;
        }
        return option[i] == unconstrained[i] ? Placement.Reason.UNCONSTRAINED_BEST : Placement.Reason.CAPACITY;
    }

    /**
     * The allocation as suggestions: one {@link Placement} per recommendation, whose top suggestion is the allocated
     * service.
     *
     * @param recommendations the recommendations of the cohort, in the cohort's order
     * @throws IllegalArgumentException if they do not match the cohort
     */
    public List<Placement> placements(List<Recommendation> recommendations) {
        if (recommendations.size() != cohort.size()) {
            throw new IllegalArgumentException(recommendations.size() + " recommendations for a cohort of "
                    + cohort.size() + "; give them in the cohort's order");
        }
        List<Placement> out = new ArrayList<>(recommendations.size());
        for (int i = 0; i < recommendations.size(); i++) {
            Recommendation r = recommendations.get(i);
            if (!r.jobseekerId().equals(cohort.ids().get(i))) {
                throw new IllegalArgumentException("recommendation " + i + " is for '" + r.jobseekerId()
                        + "' but the cohort's jobseeker " + i + " is '" + cohort.ids().get(i) + "'");
            }
            String allocated = optionId(option[i]);
            List<ServiceSuggestion> ordered = new ArrayList<>(r.suggestions().size());
            for (ServiceSuggestion s : r.suggestions()) {
                if (s.serviceId().equals(allocated)) {
                    ordered.add(s);
                }
            }
            for (ServiceSuggestion s : r.suggestions()) {
                if (!s.serviceId().equals(allocated)) {
                    ordered.add(s);
                }
            }
            List<ServiceSuggestion> ranked = new ArrayList<>(ordered.size());
            for (int k = 0; k < ordered.size(); k++) {
                ServiceSuggestion s = ordered.get(k);
                ranked.add(new ServiceSuggestion(k + 1, s.serviceId(), s.pWith(), s.pWithLower(), s.pWithUpper(),
                        s.uplift(), s.upliftLower(), s.upliftUpper()));
            }
            Recommendation reordered = new Recommendation(r.jobseekerId(), r.status(), r.modelVersion(),
                    r.fairpathVersion(), r.pWithout(), r.pWithoutLower(), r.pWithoutUpper(), r.confidence(), ranked,
                    r.notEligible(), r.profiling(), r.flags());
            out.add(new Placement(reordered, allocated, optionId(unconstrained[i]), reason(i)));
        }
        return out;
    }

    /** SHA-256 of the allocation: one line per jobseeker, {@code id TAB option id}. */
    public String assignmentHash() {
        MessageDigest d = Sha256.digest();
        for (int i = 0; i < option.length; i++) {
            d.update((cohort.ids().get(i) + "\t" + optionId(option[i]) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(d.digest());
    }

    /** The body of this run's decision-log record: parameters, capacities, input hash, model version, results. */
    public Map<String, Object> logBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemaVersion", 1);
        body.put("fairpathVersion", Fairpath.VERSION);
        body.put("modelVersion", cohort.modelVersion());
        body.put("inputHash", cohort.inputHash());
        body.put("jobseekers", cohort.size());
        body.put("objective", settings.objective().toString());
        List<String> constraints = new ArrayList<>();
        settings.constraints().forEach(c -> constraints.add(c.toString()));
        body.put("constraints", constraints);
        Map<String, Object> caps = new LinkedHashMap<>();
        capacities().forEach((k, v) -> caps.put(k, v == Long.MAX_VALUE ? "unlimited" : v));
        body.put("capacities", caps);
        body.put("placesUsed", placesUsed());
        body.put("objectiveValue", objective);
        body.put("capacityOnlyObjectiveValue", capacityObjective);
        body.put("lpBound", bound);
        body.put("converged", converged);
        List<Map<String, Object>> v = new ArrayList<>();
        for (Violation x : violations) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("constraint", x.constraint());
            m.put("group", x.group());
            m.put("service", x.service());
            m.put("excess", x.excess());
            v.add(m);
        }
        body.put("violations", v);
        body.put("assignmentHash", assignmentHash());
        return body;
    }

    /** Appends this run to the decision log as an {@value #LOG_TYPE} record; returns once it is on disk. */
    public Appended appendTo(DecisionStore log) throws IOException {
        return log.append(LOG_TYPE, logBody());
    }
}
