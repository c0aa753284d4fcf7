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
        int width = encoder.width();
        int b = bags;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(width, b));
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
        for (int b = 0; b < bags; b++) {
            w.base[b] = scorers[0][b + 1].probability(row);
        }
        double[] p0Interval = interval(w.base, w.sorted);

        List<ServiceSuggestion> ranked = new ArrayList<>(services.length);
        List<Eligibility> excluded = new ArrayList<>();
        for (int s = 0; s < services.length; s++) {
            if (!services[s].isEligible(profile)) {
                excluded.add(services[s].eligibility(profile));
                continue;
            }
            Scorer[] sc = scorers[serviceOption[s]];
            double p = sc[0].probability(row);
            for (int b = 0; b < bags; b++) {
                w.with[b] = sc[b + 1].probability(row);
                w.uplift[b] = w.with[b] - w.base[b];
            }
            double[] pInterval = interval(w.with, w.sorted);
            double[] uInterval = interval(w.uplift, w.sorted);
            ranked.add(new ServiceSuggestion(0, services[s].id(), p, pInterval[0], pInterval[1], p - p0, uInterval[0],
                    uInterval[1], services[s].eligibility(profile).reason()));
        }
        ranked.sort((x, y) -> Double.compare(y.uplift(), x.uplift()));
        List<ServiceSuggestion> suggestions = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            ServiceSuggestion s = ranked.get(i);
            suggestions.add(new ServiceSuggestion(i + 1, s.serviceId(), s.pWith(), s.pWithLower(), s.pWithUpper(),
                    s.uplift(), s.upliftLower(), s.upliftUpper(), s.eligibilityReason()));
        }
        return new Recommendation(profile.id(), Recommendation.Status.AWAITING_REVIEW, models.version(),
                Fairpath.VERSION, p0, p0Interval[0], p0Interval[1], confidence, suggestions, excluded,
                profiling(row, w), flags(profile, row));
    }

    private ProfilingScore profiling(double[] row, Scratch w) {
        Scorer[] sc = scorers[scorers.length - 1];
        double p = sc[0].probability(row);
        for (int b = 0; b < bags; b++) {
            w.with[b] = sc[b + 1].probability(row);
        }
        double[] i = interval(w.with, w.sorted);
        int segment = segmentOf(p);
        boolean uncertain = !Double.isNaN(i[0]) && (segmentOf(i[0]) != segment || segmentOf(i[1]) != segment);
        double from = segment == 0 ? 0 : cuts.get(segment - 1);
        double to = segment == cuts.size() ? 1 : cuts.get(segment);
        return new ProfilingScore(p, i[0], i[1], segment + 1, cuts.size() + 1, from, to, uncertain);
    }

    private int segmentOf(double p) {
        int s = 0;
        while (s < cuts.size() && p >= cuts.get(s)) {
            s++;
        }
        return s;
    }

    /** Percentile interval (linear interpolation between order statistics) of the bag values; NaN without bags. */
    private double[] interval(double[] values, double[] sorted) {
        if (bags == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        System.arraycopy(values, 0, sorted, 0, bags);
        Arrays.sort(sorted, 0, bags);
        double alpha = (1 - confidence) / 2;
        return new double[] {quantile(sorted, bags, alpha), quantile(sorted, bags, 1 - alpha)};
    }

    static double quantile(double[] sorted, int n, double q) {
        double h = (n - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, n - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
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

        Scratch(int width, int bags) {
            row = new double[width];
            base = new double[bags];
            with = new double[bags];
            uplift = new double[bags];
            sorted = new double[bags];
        }
    }
}
