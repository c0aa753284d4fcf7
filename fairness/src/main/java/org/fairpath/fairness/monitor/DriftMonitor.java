package org.fairpath.fairness.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.fairpath.core.AttributeType;
import org.fairpath.core.model.Datasheet;

/**
 * Input drift per attribute and window against a training {@link Datasheet}.
 *
 * <ul>
 *   <li>Categories (categorical, ordinal, boolean; unknown values are a category of their own): Pearson's chi-square
 *       test of homogeneity of the training counts and the window's counts, and PSI over the same categories;
 *       categories expected fewer than 5 times in the window are pooled (Cochran's rule).</li>
 *   <li>Numbers: the two-sample Kolmogorov-Smirnov test of the training values (from the datasheet's value counts)
 *       against the window's known values, with the asymptotic p-value (with tied values this p-value is
 *       conservative), and PSI over the training deciles.</li>
 *   <li>PSI = sum over bins of (w - t) ln(w / t), with t and w the training and window shares after adding half a case
 *       to every bin, so an empty bin never gives an infinite PSI.</li>
 * </ul>
 * p-values come from Apache Commons Statistics (survival functions, exact far into the tail).
 */
public final class DriftMonitor {

    private static final String MISSING = "(unknown)";

    private DriftMonitor() {
    }

    /**
     * Monitors {@code inputs} against {@code reference} under {@code policy}.
     *
     * @throws IllegalArgumentException if the policy names an attribute the datasheet does not have, or one no input
     *                                  holds (a decision log keeps only the protected attributes as audit fields;
     *                                  an attribute absent from every input cannot be monitored, and comparing its
     *                                  absence with the training data would be drift that is not there)
     */
    public static MonitorReport run(Datasheet reference, List<Observation> inputs, MonitorPolicy policy) {
        Set<String> seen = new LinkedHashSet<>();
        inputs.forEach(o -> seen.addAll(o.values().keySet()));
        List<String> attributes = new ArrayList<>();
        if (policy.attributes().isEmpty()) {
            for (Datasheet.AttributeSheet a : reference.attributes()) {
                if (seen.contains(a.name())) {
                    attributes.add(a.name());
                }
            }
        } else {
            for (String a : policy.attributes()) {
                if (reference.attribute(a).isEmpty()) {
                    throw new IllegalArgumentException("policy attribute '" + a + "' is not in the training"
                            + " datasheet; known: " + reference.attributes().stream().map(Datasheet.AttributeSheet::name)
                            .toList());
                }
                if (!seen.contains(a)) {
                    throw new IllegalArgumentException("policy attribute '" + a + "' is not held by any input (the"
                            + " decision log keeps only the protected attributes as audit fields), so it cannot be"
                            + " monitored; the inputs hold: " + seen.stream().sorted().toList());
                }
                attributes.add(a);
            }
        }
        long step = policy.window().getSeconds();
        TreeMap<Long, List<Observation>> windows = new TreeMap<>();
        for (Observation o : inputs) {
            windows.computeIfAbsent(Math.floorDiv(o.time().getEpochSecond(), step), k -> new ArrayList<>()).add(o);
        }
        Map<String, Reference> refs = new LinkedHashMap<>();
        attributes.forEach(a -> refs.put(a, new Reference(reference.attribute(a).orElseThrow())));
        List<MonitorReport.Window> out = new ArrayList<>();
        for (Map.Entry<Long, List<Observation>> w : windows.entrySet()) {
            Instant start = Instant.ofEpochSecond(w.getKey() * step);
            Instant end = start.plusSeconds(step);
            List<Observation> obs = w.getValue();
            if (obs.size() < policy.minCases()) {
                out.add(new MonitorReport.Window(start, end, obs.size(), false, List.of()));
                continue;
            }
            List<MonitorReport.Drift> drifts = new ArrayList<>();
            for (String a : attributes) {
                drifts.add(refs.get(a).compare(obs, a));
            }
            long tested = drifts.stream().filter(d -> !Double.isNaN(d.pValue())).count();
            if (tested == 0) { // no attribute could be tested: the window is not counted as tested
                out.add(new MonitorReport.Window(start, end, obs.size(), false, drifts));
                continue;
            }
            double threshold = tested == 0 ? Double.NaN : policy.alpha() / tested;
            List<MonitorReport.Drift> judged = new ArrayList<>();
            boolean any = false;
            for (MonitorReport.Drift d : drifts) {
                boolean alert = !Double.isNaN(d.pValue()) && d.pValue() < threshold && d.psi() >= policy.psi();
                any |= alert;
                judged.add(new MonitorReport.Drift(d.attribute(), d.test(), d.statistic(), d.pValue(), threshold,
                        d.psi(), d.cases(), d.unseen(), alert));
            }
            out.add(new MonitorReport.Window(start, end, obs.size(), true, judged));
        }
        return new MonitorReport(policy, attributes, out);
    }

    /** One attribute's training distribution, prepared once. */
    private static final class Reference {
        final Datasheet.AttributeSheet sheet;
        final boolean numeric;
        final double[] values; // numeric: the training values, sorted
        final double[] edges; // numeric: decile upper edges (the last is +inf)
        final Map<String, Long> categories; // categories: counts, MISSING included

        Reference(Datasheet.AttributeSheet sheet) {
            this.sheet = sheet;
            this.numeric = sheet.type() == AttributeType.NUMERIC;
            if (numeric) {
                values = new double[(int) sheet.known()];
                int k = 0;
                for (Map.Entry<String, Long> e : sheet.counts().entrySet()) {
                    double v = Double.parseDouble(e.getKey());
                    for (long i = 0; i < e.getValue(); i++) {
                        values[k++] = v;
                    }
                }
                Arrays.sort(values);
                Set<Double> cuts = new LinkedHashSet<>();
                for (int d = 1; d < 10 && values.length > 0; d++) {
                    cuts.add(values[(int) Math.min(values.length - 1, Math.floor(d / 10.0 * values.length))]);
                }
                double[] e = new double[cuts.size() + 1];
                int i = 0;
                for (double c : cuts) {
                    e[i++] = c;
                }
                e[i] = Double.POSITIVE_INFINITY;
                edges = e;
                categories = null;
            } else {
                values = null;
                edges = null;
                categories = new LinkedHashMap<>(sheet.counts());
                categories.put(MISSING, sheet.missing());
            }
        }

        MonitorReport.Drift compare(List<Observation> obs, String attribute) {
            if (obs.stream().noneMatch(o -> o.values().containsKey(attribute))) {
                // no input in this window holds the attribute: nothing to compare, so not tested
                return new MonitorReport.Drift(attribute, numeric ? "ks" : "chi-square", Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, 0, List.of(), false);
            }
            if (numeric) {
                List<Double> known = new ArrayList<>();
                for (Observation o : obs) {
                    Object v = o.values().get(attribute);
                    if (v instanceof Number n) {
                        known.add(n.doubleValue());
                    } else if (v != null) {
                        throw new IllegalArgumentException("attribute '" + attribute + "' is numeric in the"
                                + " datasheet but an input at " + o.time() + " has '" + v + "'");
                    }
                }
                double[] w = known.stream().mapToDouble(Double::doubleValue).toArray();
                if (w.length < 2 || values.length < 2) {
                    return new MonitorReport.Drift(attribute, "ks", Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                            w.length, List.of(), false);
                }
                var r = KolmogorovSmirnovTest.withDefaults().with(PValueMethod.ASYMPTOTIC).test(values, w);
                long[] t = bins(values);
                long[] c = bins(w);
                return new MonitorReport.Drift(attribute, "ks", r.getStatistic(), r.getPValue(), Double.NaN,
                        psi(t, c), w.length, List.of(), false);
            }
            Map<String, Long> window = new LinkedHashMap<>();
            categories.keySet().forEach(k -> window.put(k, 0L));
            List<String> unseen = new ArrayList<>();
            for (Observation o : obs) {
                Object v = o.values().get(attribute);
                String key = v == null ? MISSING : v.toString();
                if (!categories.containsKey(key) && !unseen.contains(key)) {
                    unseen.add(key);
                }
                window.merge(key, 1L, Long::sum);
            }
            // Cochran's rule: categories whose expected window count is under 5 are pooled into one bin (a value
            // never seen in training is pooled too, and also named in 'unseen'), so the chi-square p-value holds
            // in the tail where the Bonferroni threshold lies
            long total = categories.values().stream().mapToLong(Long::longValue).sum();
            List<Long> tl = new ArrayList<>();
            List<Long> cl = new ArrayList<>();
            long pooledT = 0;
            long pooledC = 0;
            for (Map.Entry<String, Long> e : window.entrySet()) {
                long tc = categories.getOrDefault(e.getKey(), 0L);
                if (tc == 0 && e.getValue() == 0) {
                    continue;
                }
                if ((double) tc / total * obs.size() < 5) {
                    pooledT += tc;
                    pooledC += e.getValue();
                } else {
                    tl.add(tc);
                    cl.add(e.getValue());
                }
            }
            if (pooledT + pooledC > 0) {
                tl.add(pooledT);
                cl.add(pooledC);
            }
            long[] t = tl.stream().mapToLong(Long::longValue).toArray();
            long[] c = cl.stream().mapToLong(Long::longValue).toArray();
            if (t.length < 2) {
                return new MonitorReport.Drift(attribute, "chi-square", Double.NaN, Double.NaN, Double.NaN,
                        psi(t, c), obs.size(), unseen, false);
            }
            var r = ChiSquareTest.withDefaults().test(new long[][] {t, c});
            return new MonitorReport.Drift(attribute, "chi-square", r.getStatistic(), r.getPValue(), Double.NaN,
                    psi(t, c), obs.size(), unseen, false);
        }

        private long[] bins(double[] xs) {
            long[] b = new long[edges.length];
            for (double x : xs) {
                int i = Arrays.binarySearch(edges, x);
                b[i >= 0 ? i : -i - 1]++;
            }
            return b;
        }
    }

    /** PSI of {@code window} against {@code training}, with half a case added to every bin. */
    static double psi(long[] training, long[] window) {
        double nt = 0;
        double nw = 0;
        for (int i = 0; i < training.length; i++) {
            nt += training[i] + 0.5;
            nw += window[i] + 0.5;
        }
        double s = 0;
        for (int i = 0; i < training.length; i++) {
            double t = (training[i] + 0.5) / nt;
            double w = (window[i] + 0.5) / nw;
            s += (w - t) * Math.log(w / t);
        }
        return s;
    }
}
