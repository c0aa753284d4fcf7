package org.fairpath.fairness.prospective;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.fairpath.core.Fairpath;
import org.fairpath.core.allocation.AllocationResult;
import org.fairpath.core.allocation.Cohort;
import org.fairpath.fairness.stats.Interval;
import org.fairpath.fairness.stats.Intervals;

/**
 * Compares up to four policies for one cohort by the expected employment they give each group: the historical
 * assignment (when {@link Observed}), the unconstrained suggestions (everyone's best option), the capacity-constrained
 * allocation and, when the allocation had group constraints, the constrained-fair allocation.
 *
 * <p><b>Estimates.</b> With observed outcomes, a policy's value is the doubly robust (AIPW) mean of
 * {@code mu(pi) + [received = pi] (employed - mu(pi)) / propensity}, where {@code mu} is the outcome models' estimate,
 * with a normal interval from the sample variance; the historical policy's value is its observed employment rate
 * with a Wilson interval. The allocation is computed from the cohort's profiles and models only, never from its
 * outcomes, so it can be treated as fixed. Without observed outcomes the values are the models' estimates, without
 * intervals: the report says so. A constraint's cost is the paired difference of the same terms between the policy
 * without and with it.
 *
 * <p>Groups below {@link Settings#minGroupSize()} are suppressed (size shown, values withheld), as in audits.
 */
public final class ProspectiveReport {

    /**
     * Version of the JSON contract written by {@link #toJson()}, documented by the JSON Schema
     * {@code org/fairpath/fairness/prospective/prospective-report.schema.json} (in this module's resources).
     */
    public static final int SCHEMA_VERSION = 1;
    public static final String HISTORICAL = "historical";
    public static final String UNCONSTRAINED = "unconstrained suggestions";
    public static final String CAPACITY = "capacity-constrained";
    public static final String FAIR = "constrained-fair";

    /**
     * @param confidence   interval level, strictly between 0 and 1
     * @param minGroupSize groups smaller than this are suppressed
     */
    public record Settings(double confidence, int minGroupSize) {
        public Settings {
            if (!(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException("confidence is " + confidence + "; allowed: strictly between 0"
                        + " and 1");
            }
            if (minGroupSize < 1) {
                throw new IllegalArgumentException("minGroupSize is " + minGroupSize + "; allowed: 1 or more");
            }
        }

        /** 95% intervals, groups under 10 suppressed. */
        public static Settings withDefaults() {
            return new Settings(0.95, 10);
        }
    }

    private final AllocationResult allocation;
    private final boolean observed;
    private final boolean truth;
    private final Settings settings;
    private final List<String> policies;
    private final List<PolicyEstimate> estimates;
    private final List<ConstraintCost> costs;
    private final Map<String, Map<String, Map<String, Map<String, Long>>>> places;

    private ProspectiveReport(AllocationResult allocation, boolean observed, boolean truth, Settings settings,
                              List<String> policies, List<PolicyEstimate> estimates, List<ConstraintCost> costs,
                              Map<String, Map<String, Map<String, Map<String, Long>>>> places) {
        this.allocation = allocation;
        this.observed = observed;
        this.truth = truth;
        this.settings = settings;
        this.policies = List.copyOf(policies);
        this.estimates = List.copyOf(estimates);
        this.costs = List.copyOf(costs);
        this.places = places;
    }

    /**
     * The report for an allocation run.
     *
     * @param allocation the allocation (its cohort supplies the models' estimates and the groups)
     * @param observed   what happened to the cohort, or null when outcomes are not known
     * @param truth      per jobseeker and option, the true employment probability (a synthetic caseload), or null
     * @param settings   interval level and suppression
     * @throws IllegalArgumentException if {@code observed} or {@code truth} do not match the cohort, or a received
     *                                  option is one the jobseeker was not eligible for
     */
    public static ProspectiveReport of(AllocationResult allocation, Observed observed, double[][] truth,
                                       Settings settings) {
        Cohort cohort = allocation.cohort();
        int n = cohort.size();
        int options = cohort.services().size() + 1;
        if (observed != null && observed.received().length != n) {
            throw new IllegalArgumentException("observed outcomes for " + observed.received().length
                    + " jobseekers; the cohort has " + n);
        }
        if (truth != null && truth.length != n) {
            throw new IllegalArgumentException("true probabilities for " + truth.length + " jobseekers; the cohort"
                    + " has " + n);
        }
        int[] received = observed == null ? null : observed.received();
        boolean[] employed = observed == null ? null : observed.employed();
        double[] propensity = observed == null ? null : observed.propensity();
        if (received != null) {
            for (int i = 0; i < n; i++) {
                if (received[i] < 0 || received[i] >= options || Double.isNaN(allocation.probability(i,
                        received[i]))) {
                    throw new IllegalArgumentException("observed: jobseeker '" + cohort.ids().get(i) + "' received"
                            + " option " + received[i] + ", which is not an option they are eligible for (0 to "
                            + (options - 1) + ")");
                }
            }
        }
        Map<String, int[]> arms = new LinkedHashMap<>();
        if (received != null) {
            arms.put(HISTORICAL, received);
        }
        int[] unconstrained = new int[n];
        int[] capacity = new int[n];
        for (int i = 0; i < n; i++) {
            unconstrained[i] = allocation.unconstrainedOption(i);
            capacity[i] = allocation.capacityOnlyOption(i);
        }
        arms.put(UNCONSTRAINED, unconstrained);
        arms.put(CAPACITY, capacity);
        if (!allocation.settings().constraints().isEmpty()) {
            arms.put(FAIR, allocation.options());
        }
        // per policy and jobseeker: the term to average, the model's value and the true value
        Map<String, double[][]> terms = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : arms.entrySet()) {
            int[] a = e.getValue();
            double[] psi = new double[n];
            double[] mu = new double[n];
            double[] tv = new double[n];
            for (int i = 0; i < n; i++) {
                mu[i] = allocation.probability(i, a[i]);
                tv[i] = truth == null ? Double.NaN : truth[i][a[i]];
                if (received == null) {
                    psi[i] = mu[i];
                } else if (e.getKey().equals(HISTORICAL)) {
                    psi[i] = employed[i] ? 1 : 0;
                } else {
                    double y = employed[i] ? 1 : 0;
                    psi[i] = mu[i] + (received[i] == a[i] ? (y - mu[i]) / propensity[i] : 0);
                }
            }
            terms.put(e.getKey(), new double[][] {psi, mu, tv});
        }
        Map<String, Map<String, int[]>> cells = cells(cohort);
        double z = new NormalDistribution().inverseCumulativeProbability(0.5 + settings.confidence() / 2);
        List<PolicyEstimate> estimates = new ArrayList<>();
        for (Map.Entry<String, Map<String, int[]>> grouping : cells.entrySet()) {
            for (Map.Entry<String, int[]> cell : grouping.getValue().entrySet()) {
                for (Map.Entry<String, double[][]> p : terms.entrySet()) {
                    estimates.add(estimate(p.getKey(), grouping.getKey(), cell.getKey(), cell.getValue(),
                            p.getValue(), received != null, z, settings));
                }
            }
        }
        List<ConstraintCost> costs = new ArrayList<>();
        List<String[]> pairs = new ArrayList<>();
        pairs.add(new String[] {"capacity", UNCONSTRAINED, CAPACITY});
        if (arms.containsKey(FAIR)) {
            pairs.add(new String[] {"group constraints", CAPACITY, FAIR});
        }
        for (String[] pair : pairs) {
            double[][] from = terms.get(pair[1]);
            double[][] to = terms.get(pair[2]);
            for (Map.Entry<String, Map<String, int[]>> grouping : cells.entrySet()) {
                for (Map.Entry<String, int[]> cell : grouping.getValue().entrySet()) {
                    costs.add(cost(pair, grouping.getKey(), cell.getKey(), cell.getValue(), from, to,
                            received != null, z, settings));
                }
            }
        }
        Map<String, Map<String, Map<String, Map<String, Long>>>> places = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : arms.entrySet()) {
            Map<String, Map<String, Map<String, Long>>> byGrouping = new LinkedHashMap<>();
            for (Map.Entry<String, Map<String, int[]>> grouping : cells.entrySet()) {
                if (grouping.getKey().contains(" x ")) {
                    continue;
                }
                Map<String, Map<String, Long>> byGroup = new LinkedHashMap<>();
                for (Map.Entry<String, int[]> cell : grouping.getValue().entrySet()) {
                    long[] count = new long[options];
                    for (int i : cell.getValue()) {
                        count[e.getValue()[i]]++;
                    }
                    Map<String, Long> byService = new LinkedHashMap<>();
                    for (int o = 0; o < options; o++) {
                        byService.put(allocation.optionId(o), count[o]);
                    }
                    byGroup.put(cell.getKey(), byService);
                }
                byGrouping.put(grouping.getKey(), byGroup);
            }
            places.put(e.getKey(), byGrouping);
        }
        return new ProspectiveReport(allocation, received != null, truth != null, settings,
                new ArrayList<>(arms.keySet()), estimates, costs, places);
    }

    /** Overall, each grouping attribute, and each pair of them, with the members of every group. */
    private static Map<String, Map<String, int[]>> cells(Cohort cohort) {
        int n = cohort.size();
        Map<String, Map<String, int[]>> out = new LinkedHashMap<>();
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        out.put("overall", Map.of("all", all));
        List<String> attrs = new ArrayList<>(new java.util.TreeSet<>(cohort.groups().keySet()));
        for (String a : attrs) {
            out.put(a, members(n, i -> cohort.groups().get(a).get(i)));
        }
        for (int x = 0; x < attrs.size(); x++) {
            for (int y = x + 1; y < attrs.size(); y++) {
                List<String> la = cohort.groups().get(attrs.get(x));
                List<String> lb = cohort.groups().get(attrs.get(y));
                out.put(attrs.get(x) + " x " + attrs.get(y), members(n, i -> la.get(i) + " x " + lb.get(i)));
            }
        }
        return out;
    }

    private static Map<String, int[]> members(int n, java.util.function.IntFunction<String> label) {
        Map<String, List<Integer>> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            m.computeIfAbsent(label.apply(i), k -> new ArrayList<>()).add(i);
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    private static PolicyEstimate estimate(String policy, String grouping, String group, int[] idx, double[][] t,
                                           boolean observed, double z, Settings s) {
        int n = idx.length;
        if (n < s.minGroupSize()) {
            return new PolicyEstimate(policy, grouping, group, n, Double.NaN, Interval.undefined(s.confidence()),
                    method(policy, observed), Double.NaN, Double.NaN, "suppressed: fewer than " + s.minGroupSize()
                    + " jobseekers");
        }
        double model = mean(t[1], idx);
        double tv = mean(t[2], idx);
        if (!observed) {
            return new PolicyEstimate(policy, grouping, group, n, model, Interval.undefined(s.confidence()),
                    "model only", model, tv, "no observed outcomes: no interval");
        }
        if (policy.equals(HISTORICAL)) {
            long employed = 0;
            for (int i : idx) {
                employed += t[0][i] == 1 ? 1 : 0;
            }
            return new PolicyEstimate(policy, grouping, group, n, (double) employed / n,
                    Intervals.wilson(employed, n, s.confidence()), "observed", model, tv, "");
        }
        double est = mean(t[0], idx);
        double half = z * sd(t[0], idx, est) / Math.sqrt(n);
        // a rate lies in [0, 1]: clipping the normal interval there loses no coverage
        return new PolicyEstimate(policy, grouping, group, n, est, new Interval(Math.max(0, est - half),
                Math.min(1, est + half), s.confidence()), "doubly robust", model, tv, "");
    }

    private static String method(String policy, boolean observed) {
        return !observed ? "model only" : policy.equals(HISTORICAL) ? "observed" : "doubly robust";
    }

    private static ConstraintCost cost(String[] pair, String grouping, String group, int[] idx, double[][] from,
                                       double[][] to, boolean observed, double z, Settings s) {
        int n = idx.length;
        if (n < s.minGroupSize()) {
            return new ConstraintCost(pair[0], pair[1], pair[2], grouping, group, n, Double.NaN,
                    Interval.undefined(s.confidence()), Double.NaN);
        }
        double[] d = new double[from[0].length];
        double tv = 0;
        for (int i : idx) {
            d[i] = observed ? from[0][i] - to[0][i] : from[1][i] - to[1][i];
            tv += from[2][i] - to[2][i];
        }
        double est = mean(d, idx);
        Interval interval = Interval.undefined(s.confidence());
        if (observed) {
            double half = z * sd(d, idx, est) / Math.sqrt(n);
            interval = new Interval(Math.max(-1, est - half), Math.min(1, est + half), s.confidence());
        }
        return new ConstraintCost(pair[0], pair[1], pair[2], grouping, group, n, est, interval, tv / n);
    }

    private static double mean(double[] v, int[] idx) {
        double s = 0;
        for (int i : idx) {
            s += v[i];
        }
        return s / idx.length;
    }

    private static double sd(double[] v, int[] idx, double mean) {
        if (idx.length < 2) {
            return Double.NaN;
        }
        double s = 0;
        for (int i : idx) {
            s += (v[i] - mean) * (v[i] - mean);
        }
        return Math.sqrt(s / (idx.length - 1));
    }

    public AllocationResult allocation() {
        return allocation;
    }

    /** The policies compared, in report order. */
    public List<String> policies() {
        return policies;
    }

    public List<PolicyEstimate> estimates() {
        return estimates;
    }

    public List<ConstraintCost> costs() {
        return costs;
    }

    /** Whether outcomes were observed (doubly robust values with intervals) rather than model estimates only. */
    public boolean observed() {
        return observed;
    }

    /** The estimate of {@code policy} for one group ({@code "overall", "all"} for everyone). */
    public Optional<PolicyEstimate> estimate(String policy, String grouping, String group) {
        return estimates.stream().filter(e -> e.policy().equals(policy) && e.grouping().equals(grouping)
                && e.group().equals(group)).findFirst();
    }

    /** Places per policy, grouping attribute ({@code overall} included), group and option (no programme included). */
    public Map<String, Map<String, Map<String, Map<String, Long>>>> places() {
        return places;
    }

    /** The report as JSON ({@value #SCHEMA_VERSION}); NaN values are {@code null} with the reason beside them. */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("kind", "prospective-fairness");
        Map<String, Object> prov = new LinkedHashMap<>();
        Cohort c = allocation.cohort();
        prov.put("fairpathVersion", Fairpath.VERSION);
        prov.put("modelVersion", c.modelVersion());
        prov.put("inputHash", c.inputHash());
        prov.put("jobseekers", c.size());
        prov.put("objective", allocation.settings().objective().toString());
        List<String> cons = new ArrayList<>();
        allocation.settings().constraints().forEach(x -> cons.add(x.toString()));
        prov.put("constraints", cons);
        Map<String, Object> caps = new LinkedHashMap<>();
        allocation.capacities().forEach((k, v) -> caps.put(k, v == Long.MAX_VALUE ? "unlimited" : v));
        prov.put("capacities", caps);
        prov.put("outcomes", observed ? "observed: doubly robust estimates" : "not observed: model estimates only");
        prov.put("trueValues", truth);
        prov.put("confidence", settings.confidence());
        prov.put("minGroupSize", settings.minGroupSize());
        prov.put("lpBound", num(allocation.bound()));
        prov.put("objectiveValue", num(allocation.objective()));
        List<Map<String, Object>> viol = new ArrayList<>();
        for (AllocationResult.Violation v : allocation.violations()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("constraint", v.constraint());
            m.put("group", v.group());
            m.put("service", v.service());
            m.put("excess", v.excess());
            viol.add(m);
        }
        prov.put("violations", viol);
        root.put("provenance", prov);
        root.put("policies", policies);
        List<Map<String, Object>> est = new ArrayList<>();
        for (PolicyEstimate e : estimates) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("policy", e.policy());
            m.put("grouping", e.grouping());
            m.put("group", e.group());
            m.put("jobseekers", e.jobseekers());
            m.put("estimate", num(e.estimate()));
            m.put("lower", num(e.interval().lower()));
            m.put("upper", num(e.interval().upper()));
            m.put("method", e.method());
            m.put("model", num(e.modelValue()));
            m.put("true", num(e.trueValue()));
            m.put("undefined", e.undefined());
            est.add(m);
        }
        root.put("estimates", est);
        List<Map<String, Object>> cost = new ArrayList<>();
        for (ConstraintCost e : costs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("constraint", e.constraint());
            m.put("from", e.from());
            m.put("to", e.to());
            m.put("grouping", e.grouping());
            m.put("group", e.group());
            m.put("jobseekers", e.jobseekers());
            m.put("estimate", num(e.estimate()));
            m.put("lower", num(e.interval().lower()));
            m.put("upper", num(e.interval().upper()));
            m.put("true", num(e.trueValue()));
            cost.add(m);
        }
        root.put("costs", cost);
        root.put("places", places);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report is not serializable", e);
        }
    }

    private static Double num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    /** The report as one self-contained HTML page (inline CSS and SVG, no scripts). */
    public String toHtml() {
        return ProspectiveHtml.render(this, settings);
    }
}
