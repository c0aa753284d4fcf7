package org.fairpath.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.fairpath.core.Attribute;
import org.fairpath.core.Eligibility;
import org.fairpath.core.Fairpath;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Role;
import org.fairpath.core.Service;

/**
 * Turns a validated profile into a {@link Recommendation}: eligible services ranked by expected benefit (uplift over
 * no programme, never by the jobseeker's risk), each with intervals; ineligible services with the reason; the
 * profiling score with its interval and segment; and flags for missing or out-of-distribution inputs.
 *
 * <p>Thread-safe: any number of threads may call {@link #recommend} at once. Scoring reuses per-thread buffers and
 * allocates nothing; only the returned recommendation is new.
 */
public final class Recommender {

    private final OutcomeModels models;
    private final FeatureEncoder encoder;
    private final Service[] services;
    private final int[] serviceOption;
    private final Scorer[][] scorers;
    private final int bags;
    private final double confidence;
    private final List<Double> cuts;
    private final double[] columnMin;
    private final double[] columnMax;
    private final Attribute[] features;
    /** Per option (and the profiling model last), its bags in batched form, or null to score them one by one. */
    private final LinearBags[] linearBags;
    private final ThreadLocal<Scratch> scratch;

    private Recommender(OutcomeModels models) {
        this.models = models;
        this.encoder = models.encoder();
        this.services = models.catalogue().services().toArray(new Service[0]);
        this.serviceOption = new int[services.length];
        for (int s = 0; s < services.length; s++) {
            serviceOption[s] = models.optionIndex(services[s].id());
        }
        this.scorers = models.scorers();
        this.bags = models.settings().bags();
        this.confidence = models.settings().confidence();
        this.cuts = models.settings().segmentCuts();
        this.columnMin = models.summary().columnMin();
        this.columnMax = models.summary().columnMax();
        this.features = models.schema().withRole(Role.FEATURE).toArray(new Attribute[0]);
        this.linearBags = new LinearBags[scorers.length];
        for (int o = 0; o < scorers.length; o++) {
            linearBags[o] = LinearBags.of(scorers[o]);
        }
        int width = encoder.width();
        int b = bags;
        int n = services.length;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(width, b, n));
    }

    /** A recommender over {@code models}. */
    public static Recommender of(OutcomeModels models) {
        return new Recommender(Objects.requireNonNull(models, "models"));
    }

    public OutcomeModels models() {
        return models;
    }

    /**
     * Suggestions for {@code profile}, awaiting review.
     *
     * @throws IllegalArgumentException if the profile uses another schema than the models
     */
    public Recommendation recommend(JobseekerProfile profile) {
        if (profile.schema() != models.schema() && !profile.schema().equals(models.schema())) {
            throw new IllegalArgumentException("profile '" + profile.id() + "' uses schema '"
                    + profile.schema().name() + "', not the models' schema '" + models.schema().name() + "'");
        }
        Scratch w = scratch.get();
        double[] row = w.row;
        encoder.encode(profile, row);

        double p0 = scorers[0][0].probability(row);
        bagProbabilities(0, row, w.base);
        interval(w.base, w);
        double p0Lower = w.lower;
        double p0Upper = w.upper;

        int eligible = 0;
        List<Eligibility> excluded = null;
        for (int s = 0; s < services.length; s++) {
            if (!services[s].isEligible(profile)) {
                if (excluded == null) {
                    excluded = new ArrayList<>(services.length);
                }
                excluded.add(services[s].eligibility(profile));
                continue;
            }
            double p = scorers[serviceOption[s]][0].probability(row);
            bagProbabilities(serviceOption[s], row, w.with);
            for (int b = 0; b < bags; b++) {
                w.uplift[b] = w.with[b] - w.base[b];
            }
            int k = eligible++;
            w.service[k] = s;
            w.pWith[k] = p;
            interval(w.with, w);
            w.pLower[k] = w.lower;
            w.pUpper[k] = w.upper;
            interval(w.uplift, w);
            w.uLower[k] = w.lower;
            w.uUpper[k] = w.upper;
            // insertion by uplift (= pWith - p0), largest first; ties keep catalogue order
            int j = k;
            while (j > 0 && w.pWith[w.order[j - 1]] < p) {
                w.order[j] = w.order[j - 1];
                j--;
            }
            w.order[j] = k;
        }
        List<ServiceSuggestion> suggestions = new ArrayList<>(eligible);
        for (int r = 0; r < eligible; r++) {
            int k = w.order[r];
            suggestions.add(new ServiceSuggestion(r + 1, services[w.service[k]].id(), w.pWith[k], w.pLower[k],
                    w.pUpper[k], w.pWith[k] - p0, w.uLower[k], w.uUpper[k]));
        }
        return new Recommendation(profile.id(), Recommendation.Status.AWAITING_REVIEW, models.version(),
                Fairpath.VERSION, p0, p0Lower, p0Upper, confidence, suggestions,
                excluded == null ? List.of() : excluded, profiling(row, w), flags(profile, row));
    }

    private ProfilingScore profiling(double[] row, Scratch w) {
        double p = scorers[scorers.length - 1][0].probability(row);
        bagProbabilities(scorers.length - 1, row, w.with);
        interval(w.with, w);
        int segment = segmentOf(p);
        boolean uncertain = !Double.isNaN(w.lower) && (segmentOf(w.lower) != segment || segmentOf(w.upper) != segment);
        double from = segment == 0 ? 0 : cuts.get(segment - 1);
        double to = segment == cuts.size() ? 1 : cuts.get(segment);
        return new ProfilingScore(p, w.lower, w.upper, segment + 1, cuts.size() + 1, from, to, uncertain);
    }

    /** The bag probabilities of option {@code o} for {@code row}, batched when the bags are linear. */
    private void bagProbabilities(int o, double[] row, double[] out) {
        if (linearBags[o] != null) {
            linearBags[o].probabilities(row, out);
            return;
        }
        for (int b = 0; b < bags; b++) {
            out[b] = scorers[o][b + 1].probability(row);
        }
    }

    private int segmentOf(double p) {
        int s = 0;
        while (s < cuts.size() && p >= cuts.get(s)) {
            s++;
        }
        return s;
    }

    /**
     * Percentile interval (linear interpolation between order statistics, as R's type 7) of the bag values into
     * {@code w.lower} and {@code w.upper}; NaN without bags. When both bounds need only order statistics near the
     * ends (the usual case: 90% of 20 bags needs the two smallest and two largest), one pass keeps those; otherwise
     * selection.
     */
    private void interval(double[] values, Scratch w) {
        if (bags == 0) {
            w.lower = Double.NaN;
            w.upper = Double.NaN;
            return;
        }
        double alpha = (1 - confidence) / 2;
        double hLow = (bags - 1) * alpha;
        double hHigh = (bags - 1) * (1 - alpha);
        int lowIndex = (int) Math.floor(hLow);
        int highIndex = (int) Math.floor(hHigh);
        if (lowIndex + 1 < TAIL && bags - 1 - highIndex < TAIL && bags >= 2 * TAIL) {
            tails(values, w.small, w.large);
            w.lower = interpolate(w.small[lowIndex], w.small[lowIndex + 1], hLow - lowIndex);
            int fromTop = bags - 1 - highIndex; // position of highIndex counted from the largest
            w.upper = fromTop == 0 ? w.large[0]
                    : interpolate(w.large[fromTop], w.large[fromTop - 1], hHigh - highIndex);
            return;
        }
        System.arraycopy(values, 0, w.sorted, 0, bags);
        w.lower = quantile(w.sorted, bags, alpha);
        w.upper = quantile(w.sorted, bags, 1 - alpha);
    }

    /** How many order statistics at each end {@link #tails} keeps. */
    static final int TAIL = 3;

    private static double interpolate(double a, double b, double f) {
        return f == 0 ? a : a + f * (b - a);
    }

    /** The {@link #TAIL} smallest values of {@code v} ascending into {@code small}, the largest descending into
     * {@code large}, in one pass. */
    private void tails(double[] v, double[] small, double[] large) {
        java.util.Arrays.fill(small, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(large, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < bags; i++) {
            double x = v[i];
            if (x < small[TAIL - 1]) {
                int j = TAIL - 1;
                while (j > 0 && small[j - 1] > x) {
                    small[j] = small[j - 1];
                    j--;
                }
                small[j] = x;
            }
            if (x > large[TAIL - 1]) {
                int j = TAIL - 1;
                while (j > 0 && large[j - 1] < x) {
                    large[j] = large[j - 1];
                    j--;
                }
                large[j] = x;
            }
        }
    }

    /** The type-7 quantile of the first {@code n} values of {@code a}, which it partially reorders. */
    static double quantile(double[] a, int n, double q) {
        double h = (n - 1) * q;
        int lo = (int) Math.floor(h);
        double low = select(a, n, lo);
        if (lo + 1 >= n || h == lo) {
            return low;
        }
        double next = Double.POSITIVE_INFINITY; // the smallest value above position lo
        for (int i = lo + 1; i < n; i++) {
            next = Math.min(next, a[i]);
        }
        return low + (h - lo) * (next - low);
    }

    /** Quickselect: puts the k-th smallest of a[0..n) at a[k], smaller ones before it, larger ones after. */
    private static double select(double[] a, int n, int k) {
        int left = 0;
        int right = n - 1;
        while (left < right) {
            double pivot = a[(left + right) >>> 1];
            int i = left;
            int j = right;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                break;
            }
        }
        return a[k];
    }

    private List<DataFlag> flags(JobseekerProfile profile, double[] row) {
        List<DataFlag> flags = new ArrayList<>(0);
        for (Attribute a : features) {
            if (profile.isMissing(a.name())) {
                flags.add(new DataFlag(DataFlag.Kind.MISSING_VALUE, a.name(), a.label(Locale.ENGLISH)
                        + " is unknown; the models treat it as unknown, not as any particular value"));
            }
        }
        String last = null;
        for (FeatureEncoder.Column c : encoder.columns()) {
            double x = row[c.index()];
            if ((x >= columnMin[c.index()] && x <= columnMax[c.index()]) || c.attribute().equals(last)) {
                continue;
            }
            last = c.attribute();
            Attribute a = models.schema().attribute(c.attribute());
            if (c.kind() == FeatureEncoder.ColumnKind.VALUE && a.type() == org.fairpath.core.AttributeType.NUMERIC) {
                flags.add(new DataFlag(DataFlag.Kind.OUT_OF_TRAINING_RANGE, a.name(), String.format(Locale.ROOT,
                        "%s is %s, outside the range seen in training (%s to %s); the models extrapolate",
                        a.label(Locale.ENGLISH), format(x), format(columnMin[c.index()]),
                        format(columnMax[c.index()]))));
            } else {
                Object v = profile.value(a.name());
                flags.add(new DataFlag(DataFlag.Kind.UNSEEN_LEVEL, a.name(), a.label(Locale.ENGLISH) + " '"
                        + (v == null ? "unknown" : v) + "' never occurred in the training data; the models have not"
                        + " learned it"));
            }
        }
        return flags;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Per-thread buffers, so scoring allocates nothing. */
    private static final class Scratch {
        final double[] row;
        final double[] base;
        final double[] with;
        final double[] uplift;
        final double[] sorted;
        // per eligible service, in catalogue order of eligibility
        final int[] service;
        final int[] order;
        final double[] pWith;
        final double[] pLower;
        final double[] pUpper;
        final double[] uLower;
        final double[] uUpper;
        final double[] small = new double[TAIL];
        final double[] large = new double[TAIL];
        double lower;
        double upper;

        Scratch(int width, int bags, int services) {
            row = new double[width];
            base = new double[bags];
            with = new double[bags];
            uplift = new double[bags];
            sorted = new double[bags];
            service = new int[services];
            order = new int[services];
            pWith = new double[services];
            pLower = new double[services];
            pUpper = new double[services];
            uLower = new double[services];
            uUpper = new double[services];
        }
    }
}
