package org.fairpath.core.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.Schema;
import org.fairpath.core.ServiceCatalogue;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;

/**
 * Trained outcome models for one service catalogue: for the baseline ({@code no_programme}) and every service, a model
 * of P(employed within the horizon | profile, option) with bootstrap companions for intervals, plus a profiling model
 * of P(still unemployed after the horizon). Each is kept both as the Tribuo model (the reference) and compiled into a
 * {@link Scorer} (the fast path).
 *
 * <p>The approach is a T-learner: one model per option, trained on the cases that received it; the uplift of a
 * service is {@code p_with - p_without}. With inverse-propensity weighting on, a multinomial logistic model of the
 * historical assignment gives each case the stabilised weight {@code P(option) / P(option | profile)}, clipped at
 * {@code maxWeight}, so options that counsellors gave mostly to some kinds of jobseekers are learned as if they had
 * been given more evenly. The weights enter both learners as example weights (XGBoost natively; logistic regression
 * through {@link WeightedLogistic}, the same L2R_LR objective liblinear solves), never by resampling, so they add no
 * randomness.
 *
 * <p>Immutable and thread-safe. Train with {@link #train}, save and load with {@link ModelBundle}.
 */
public final class OutcomeModels {

    private final Schema schema;
    private final ServiceCatalogue catalogue;
    private final FeatureEncoder encoder;
    private final TrainingSettings settings;
    private final List<String> options;
    /** [option][0] = point model, [option][1 + b] = bag b; the last row is the profiling model. */
    private final Scorer[][] scorers;
    private final Map<String, Model<Label>> tribuoModels;
    private final TrainingSummary summary;
    private final String version;
    /** What the models were trained on; null for models not trained here (e.g. loaded from coefficients). */
    private final Datasheet datasheet;
    /** Held-out calibration by bins per option (in the model card); empty without out-of-bag predictions. */
    private final List<HeldOutCalibration> calibration;

    OutcomeModels(Schema schema, ServiceCatalogue catalogue, TrainingSettings settings, List<String> options,
                  Scorer[][] scorers, Map<String, Model<Label>> tribuoModels, TrainingSummary summary) {
        this(schema, catalogue, settings, options, scorers, tribuoModels, summary, null);
    }

    OutcomeModels(Schema schema, ServiceCatalogue catalogue, TrainingSettings settings, List<String> options,
                  Scorer[][] scorers, Map<String, Model<Label>> tribuoModels, TrainingSummary summary,
                  Datasheet datasheet) {
        this(schema, catalogue, settings, options, scorers, tribuoModels, summary, datasheet, List.of());
    }

    OutcomeModels(Schema schema, ServiceCatalogue catalogue, TrainingSettings settings, List<String> options,
                  Scorer[][] scorers, Map<String, Model<Label>> tribuoModels, TrainingSummary summary,
                  Datasheet datasheet, List<HeldOutCalibration> calibration) {
        this.datasheet = datasheet;
        this.calibration = List.copyOf(calibration);
        this.schema = schema;
        this.catalogue = catalogue;
        this.encoder = FeatureEncoder.of(schema);
        this.settings = settings;
        this.options = List.copyOf(options);
        this.scorers = scorers;
        this.tribuoModels = Collections.unmodifiableMap(new LinkedHashMap<>(tribuoModels));
        this.summary = summary;
        this.version = ModelBundle.version(this);
    }

    /**
     * Trains models for {@code catalogue} from historical {@code cases}.
     *
     * @throws IllegalArgumentException naming the problem if a case uses another schema or an unknown service, or an
     *                                  option has fewer than {@code minCasesPerOption} cases or only one outcome
     */
    public static OutcomeModels train(ServiceCatalogue catalogue, List<TrainingCase> cases, TrainingSettings settings) {
        return train(catalogue, cases, settings, null);
    }

    /**
     * As {@link #train(ServiceCatalogue, List, TrainingSettings)}, reporting progress: {@code progress} (may be null)
     * is called with a short message about every tenth of the models, from the training threads (it must be
     * thread-safe).
     */
    public static OutcomeModels train(ServiceCatalogue catalogue, List<TrainingCase> cases, TrainingSettings settings,
                                      java.util.function.Consumer<String> progress) {
        return train(catalogue, cases, settings, progress, Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #train(ServiceCatalogue, List, TrainingSettings, java.util.function.Consumer)} on {@code threads}. */
    static OutcomeModels train(ServiceCatalogue catalogue, List<TrainingCase> cases, TrainingSettings settings,
                               java.util.function.Consumer<String> progress, int threads) {
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(settings, "settings");
        return new Training(catalogue, cases, settings, progress, threads).run();
    }

    /**
     * Models a PES already has, given by their coefficients ({@link ExternalLinearModel}), as outcome models that
     * {@link Recommender} scores, {@link ModelBundle} saves and loads and explanations use: {@code profiling} is the
     * profiling model, {@code outcomes} has an outcome model for {@link ServiceCatalogue#BASELINE} and for every
     * service of {@code catalogue}. A catalogue with no services is a profiling-only deployment: {@code outcomes} may
     * then be empty (no options at all: {@link #hasOutcomeModels()} is false, recommendations carry the profiling
     * score and no P(without)) or hold only the baseline's model. Additive explanations are relative to {@code reference} (its encoded row is the summary's column mean).
     * Nothing is trained: there are no bags (so no intervals), no performance figures, no training range and no
     * datasheet, and the summary counts 0 cases.
     *
     * @throws IllegalArgumentException listing every problem: a model with the wrong target or schema, an option
     *                                  without an outcome model, an outcome model for something that is not an option
     */
    public static OutcomeModels fromExternal(ServiceCatalogue catalogue, ExternalLinearModel profiling,
                                             Map<String, ExternalLinearModel> outcomes,
                                             org.fairpath.core.JobseekerProfile reference) {
        return ExternalModels.build(catalogue, profiling, outcomes, reference);
    }

    public Schema schema() {
        return schema;
    }

    public ServiceCatalogue catalogue() {
        return catalogue;
    }

    public FeatureEncoder encoder() {
        return encoder;
    }

    public TrainingSettings settings() {
        return settings;
    }

    /**
     * The modelled options: {@code no_programme} first, then the catalogue's services in catalogue order; empty for a
     * profiling-only deployment without outcome models ({@link #hasOutcomeModels()}).
     */
    public List<String> options() {
        return options;
    }

    /**
     * Whether there are outcome models (at least the baseline's): false only for a profiling-only deployment built
     * from a profiling model alone, which gives the profiling score and no P(without), no suggestions and no
     * allocation.
     */
    public boolean hasOutcomeModels() {
        return !options.isEmpty();
    }

    /** The content hash that identifies these models: same schema, catalogue, compiled models and data, same hash. */
    public String version() {
        return version;
    }

    public TrainingSummary summary() {
        return summary;
    }

    /** The datasheet of the training data (in the model card); empty for models that were not trained here. */
    public java.util.Optional<Datasheet> datasheet() {
        return java.util.Optional.ofNullable(datasheet);
    }

    /** Held-out calibration by bins per option and profiling (the model card's); empty when there is none. */
    List<HeldOutCalibration> calibration() {
        return calibration;
    }

    /** The compiled point model of P(employed) for {@code option}. */
    public Scorer scorer(String option) {
        return scorers[optionIndex(option)][0];
    }

    /**
     * A logistic point model's coefficients over the encoder's columns, for exact explanations.
     *
     * @param weights log-odds per unit of each encoded column
     * @param bias    the intercept
     */
    public record LinearModel(double[] weights, double bias) {
        public LinearModel {
            weights = weights.clone();
        }

        @Override
        public double[] weights() {
            return weights.clone();
        }
    }

    /** The coefficients of {@code option}'s point model when it is logistic regression; empty for tree ensembles. */
    public java.util.Optional<LinearModel> linear(String option) {
        Scorer s = scorer(option);
        return s instanceof LinearScorer l ? java.util.Optional.of(new LinearModel(l.weights(), l.bias()))
                : java.util.Optional.empty();
    }

    /**
     * A boosted tree ensemble's structure, for exact TreeSHAP explanations: flat node arrays in depth-first order
     * (node {@code i} is a leaf when {@code feature[i] < 0}; otherwise rows with {@code (float) x[feature[i]] <
     * threshold[i]} go to {@code yes[i]}, the others to {@code no[i]}), each tree's class (the positive-class log-odds
     * is the sum of class-1 leaves minus the sum of class-0 leaves when {@code positiveClass} is 1), and each node's
     * training cover.
     */
    public record TreeEnsemble(int width, int[] roots, int[] treeClass, int[] feature, float[] threshold, int[] yes,
                               int[] no, float[] leaf, double[] cover, int positiveClass) {
    }

    /** The structure of {@code option}'s point model when it is a tree ensemble; empty for logistic regression. */
    public java.util.Optional<TreeEnsemble> trees(String option) {
        Scorer s = scorer(option);
        return s instanceof TreeEnsembleScorer t ? java.util.Optional.of(new TreeEnsemble(t.width(), t.roots(),
                t.treeClass(), t.feature(), t.threshold(), t.yes(), t.no(), t.leaf(), t.cover(), t.positiveClass()))
                : java.util.Optional.empty();
    }

    /** The profiling model's coefficients when it is logistic; empty for tree ensembles. */
    public java.util.Optional<LinearModel> profilingLinear() {
        return profilingScorer() instanceof LinearScorer l ? java.util.Optional.of(new LinearModel(l.weights(),
                l.bias())) : java.util.Optional.empty();
    }

    /** The profiling model's structure when it is a tree ensemble; empty for logistic regression. */
    public java.util.Optional<TreeEnsemble> profilingTrees() {
        return profilingScorer() instanceof TreeEnsembleScorer t ? java.util.Optional.of(new TreeEnsemble(t.width(),
                t.roots(), t.treeClass(), t.feature(), t.threshold(), t.yes(), t.no(), t.leaf(), t.cover(),
                t.positiveClass())) : java.util.Optional.empty();
    }

    /** The compiled profiling model of P(still unemployed after the horizon). */
    public Scorer profilingScorer() {
        return scorers[options.size()][0];
    }

    /**
     * Tribuo's trained point model for {@code option} (the reference the compiled scorer matches), or null when the
     * option's model was fitted by fairpath's own weighted solver (logistic regression with inverse-propensity weights,
     * which liblinear cannot take as example weights).
     */
    public Model<Label> tribuoModel(String option) {
        optionIndex(option);
        return tribuoModels.get(option);
    }

    /** Tribuo's trained profiling model. */
    public Model<Label> tribuoProfilingModel() {
        return tribuoModels.get(PROFILING);
    }

    /** Tribuo's probability of the positive outcome for an encoded row, building the Example a caller must build. */
    public static double tribuoProbability(Model<Label> model, FeatureEncoder encoder, double[] row) {
        return TribuoBridge.predict(model, encoder.featureNames().toArray(new String[0]), row);
    }

    int optionIndex(String option) {
        int i = options.indexOf(option);
        if (i < 0) {
            throw new IllegalArgumentException("unknown option '" + option + "'; known: " + options);
        }
        return i;
    }

    Scorer[][] scorers() {
        return scorers;
    }

    Map<String, Model<Label>> tribuoModels() {
        return tribuoModels;
    }

    static final String PROFILING = "profiling";

    /** Saves these models as a bundle directory (see {@link ModelBundle}). */
    public void save(Path directory) throws IOException {
        ModelBundle.save(this, directory);
    }

    /** Saves these models as a bundle directory whose model card carries the deployer's {@code details}. */
    public void save(Path directory, CardDetails details) throws IOException {
        ModelBundle.save(this, directory, details);
    }

    /**
     * Runs {@code body} for every task of {@code order}, in that order, on {@code threads} threads (the caller's and
     * {@code threads - 1} more): each thread takes the next task as soon as it is free. The first exception a task
     * throws is rethrown here once every thread has stopped; no task starts after it.
     */
    static void forEach(int[] order, int threads, java.util.function.IntConsumer body) {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        Runnable worker = () -> {
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < order.length) {
                try {
                    body.accept(order[i]);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        };
        Thread[] helpers = new Thread[Math.max(0, Math.min(threads, order.length) - 1)];
        for (int t = 0; t < helpers.length; t++) {
            helpers[t] = new Thread(worker, "fairpath-training-" + (t + 1));
            helpers[t].setDaemon(true);
            helpers[t].start();
        }
        worker.run();
        boolean interrupted = false;
        for (Thread h : helpers) {
            while (true) {
                try {
                    h.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the helpers finish their task and stop; wait for them
                    failure.compareAndSet(null, e);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IllegalStateException("training was interrupted", f);
        }
    }

    /** The training run: encoding, weighting, bootstrap bags, fitting and compiling. */
    private static final class Training {
        private final ServiceCatalogue catalogue;
        private final List<TrainingCase> cases;
        private final TrainingSettings settings;
        private final FeatureEncoder encoder;
        private final String[] names;
        private final List<String> options = new ArrayList<>();

        private final java.util.function.Consumer<String> progress;
        private final int threads;

        Training(ServiceCatalogue catalogue, List<TrainingCase> cases, TrainingSettings settings,
                 java.util.function.Consumer<String> progress, int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads is " + threads + "; allowed: 1 or more");
            }
            this.threads = threads;
            this.progress = progress;
            this.catalogue = catalogue;
            this.cases = List.copyOf(cases);
            this.settings = settings;
            this.encoder = FeatureEncoder.of(catalogue.schema());
            this.names = encoder.featureNames().toArray(new String[0]);
            options.add(ServiceCatalogue.BASELINE);
            options.addAll(catalogue.ids());
        }

        OutcomeModels run() {
            int n = cases.size();
            double[][] rows = new double[n][];
            int[] option = new int[n];
            boolean[] employed = new boolean[n];
            int[] count = new int[options.size()];
            int[] positives = new int[options.size()];
            for (int i = 0; i < n; i++) {
                TrainingCase c = cases.get(i);
                if (!c.profile().schema().equals(catalogue.schema())) {
                    throw new IllegalArgumentException("cases[" + i + "] uses schema '" + c.profile().schema().name()
                            + "', not the catalogue's schema '" + catalogue.schema().name() + "'");
                }
                option[i] = options.indexOf(c.service());
                if (option[i] < 0) {
                    throw new IllegalArgumentException("cases[" + i + "].service is '" + c.service()
                            + "'; known: " + options);
                }
                rows[i] = encoder.encode(c.profile());
                employed[i] = c.employed();
                count[option[i]]++;
                positives[option[i]] += employed[i] ? 1 : 0;
            }
            for (int a = 0; a < options.size(); a++) {
                if (count[a] < settings.minCasesPerOption() || positives[a] == 0 || positives[a] == count[a]) {
                    throw new IllegalArgumentException("option '" + options.get(a) + "' has " + count[a] + " cases ("
                            + positives[a] + " employed); each option needs at least " + settings.minCasesPerOption()
                            + " cases with both outcomes. Cases per option: " + counts(count));
                }
            }
            if (progress != null) {
                progress.accept(String.format(java.util.Locale.ROOT, "encoded %,d cases", n));
            }
            float[] weights = settings.inversePropensity() ? propensityWeights(rows, option, count) : null;

            int bagsPlusOne = settings.bags() + 1;
            int models = (options.size() + 1) * bagsPlusOne;
            Scorer[][] scorers = new Scorer[options.size() + 1][bagsPlusOne];
            Map<String, Model<Label>> tribuo = Collections.synchronizedMap(new HashMap<>());
            // drawn[a][bag][i]: whether bag `bag` of option a drew case i (for out-of-bag, held-out metrics)
            boolean[][][] drawn = new boolean[options.size() + 1][bagsPlusOne][n];
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            int step = Math.max(1, models / 10);
            // Each model has its own seed and its own slots, so the order and the thread change nothing in it. Largest
            // first, each thread taking the next model when it is free: the profiling models (every case) no longer
            // come last with one thread left to train them while the other waits.
            @SuppressWarnings("unchecked")
            Model<Label>[] fitted = new Model[models];
            forEach(largestFirst(count, n, bagsPlusOne), threads, task -> {
                fitted[task] = trainOne(task, bagsPlusOne, n, option, rows, employed, weights, scorers, drawn);
                int k = done.incrementAndGet();
                if (progress != null && (k % step == 0 || k == models)) {
                    progress.accept("trained " + k + " of " + models + " models");
                }
            });
            if (progress != null) {
                progress.accept("compiling the models into scorers");
            }
            // Compiled only once all are trained: an XGBoost dump needs the native library to itself (see
            // TribuoBridge), and taken between trainings it waited for the other thread's training to end.
            forEach(IntStream.range(0, models).toArray(), threads, task -> {
                if (fitted[task] != null) {
                    int a = task / bagsPlusOne;
                    int bag = task % bagsPlusOne;
                    scorers[a][bag] = TribuoBridge.compile(fitted[task], names);
                    tribuo.put(key(a == options.size() ? PROFILING : options.get(a), bag), fitted[task]);
                }
            });
            Map<String, Model<Label>> ordered = new LinkedHashMap<>();
            for (String o : options) {
                putIfTrained(ordered, tribuo, key(o, 0));
            }
            putIfTrained(ordered, tribuo, key(PROFILING, 0));
            for (int a = 0; a <= options.size(); a++) {
                for (int b = 1; b < bagsPlusOne; b++) {
                    String o = a == options.size() ? PROFILING : options.get(a);
                    putIfTrained(ordered, tribuo, key(o, b));
                }
            }
            boolean heldOut = bagsPlusOne > 2; // held-out figures need at least two bags (TrainingSummary)
            if (progress != null) {
                progress.accept(heldOut ? "held-out metrics (every model scores the cases its bag left out)"
                        : "in-sample metrics and column ranges (no held-out metrics without at least 2 bags)");
            }
            TrainingSummary summary = TrainingSummary.of(cases, rows, options, count, positives, weights, encoder,
                    scorers, drawn, settings.confidence(), (float) settings.maxWeight());
            if (progress != null) {
                progress.accept(heldOut ? "datasheet and held-out calibration" : "datasheet");
            }
            Datasheet datasheet = Datasheet.of(catalogue.schema(), cases, options);
            List<HeldOutCalibration> calibration = HeldOutCalibration.of(cases, rows, options, scorers, drawn,
                    settings.confidence());
            return new OutcomeModels(catalogue.schema(), catalogue, settings, options, scorers, ordered, summary,
                    datasheet, calibration);
        }

        /** Trains model {@code task}: option {@code task / bagsPlusOne} (the last is profiling), bag {@code task %
         * bagsPlusOne} (0 = the point model). */
        private Model<Label> trainOne(int task, int bagsPlusOne, int n, int[] option, double[][] rows,
                                      boolean[] employed, float[] weights, Scorer[][] scorers, boolean[][][] drawn) {
            int a = task / bagsPlusOne;
            int bag = task % bagsPlusOne;
            boolean profiling = a == options.size();
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (profiling || option[i] == a) {
                    members.add(i);
                }
            }
            if (weights != null && !profiling
                    && settings.learner() == TrainingSettings.Learner.LOGISTIC_REGRESSION) {
                scorers[a][bag] = fitWeighted(rows, employed, weights, members, a, bag, drawn[a][bag]);
                return null; // fairpath's own solver: there is no Tribuo model to keep
            }
            return fit(rows, employed, profiling, weights, members, a, bag, drawn[a][bag]);
        }

        /**
         * The training tasks, largest first: the profiling models (every case), then each option's models by its
         * number of cases, from most to fewest; ties keep their task order.
         */
        private int[] largestFirst(int[] count, int n, int bagsPlusOne) {
            int options = this.options.size();
            return IntStream.range(0, (options + 1) * bagsPlusOne).boxed()
                    .sorted(java.util.Comparator.comparingInt((Integer t) -> {
                        int a = t / bagsPlusOne;
                        return a == options ? n : count[a];
                    }).reversed().thenComparingInt(t -> t))
                    .mapToInt(Integer::intValue).toArray();
        }

        private static void putIfTrained(Map<String, Model<Label>> to, Map<String, Model<Label>> from, String key) {
            Model<Label> m = from.get(key);
            if (m != null) {
                to.put(key, m);
            }
        }

        /**
         * A logistic model with the propensity weights as example weights ({@link WeightedLogistic}); a bag multiplies
         * each weight by the number of times a bootstrap draw picked the case. No resampling by weight.
         */
        private Scorer fitWeighted(double[][] rows, boolean[] employed, float[] weights, List<Integer> members, int a,
                                   int bag, boolean[] drawn) {
            long seed = mixSeed(settings.seed(), a, bag);
            SplittableRandom r = new SplittableRandom(seed);
            int m = members.size();
            for (int attempt = 0; attempt < 20; attempt++) {
                int[] times = new int[m];
                if (bag == 0) {
                    java.util.Arrays.fill(times, 1);
                } else {
                    for (int k = 0; k < m; k++) {
                        times[r.nextInt(m)]++;
                    }
                }
                double[][] x = new double[m][];
                boolean[] y = new boolean[m];
                double[] w = new double[m];
                double pos = 0;
                double all = 0;
                for (int k = 0; k < m; k++) {
                    int i = members.get(k);
                    x[k] = rows[i];
                    y[k] = employed[i];
                    w[k] = (double) weights[i] * times[k];
                    all += times[k];
                    pos += y[k] ? times[k] : 0;
                }
                if (pos == 0 || pos == all) {
                    continue; // a resample with one outcome only: draw again
                }
                for (int k = 0; k < m; k++) {
                    drawn[members.get(k)] = times[k] > 0;
                }
                return WeightedLogistic.fit(x, y, w, settings.cost());
            }
            throw new IllegalStateException("could not draw a resample with both outcomes for option "
                    + options.get(a));
        }

        private static String key(String option, int bag) {
            return bag == 0 ? option : option + "#" + bag;
        }

        private Map<String, Integer> counts(int[] count) {
            Map<String, Integer> m = new LinkedHashMap<>();
            for (int a = 0; a < options.size(); a++) {
                m.put(options.get(a), count[a]);
            }
            return m;
        }

        /** Stabilised inverse-propensity weights from a multinomial logistic model of the historical assignment. */
        private float[] propensityWeights(double[][] rows, int[] option, int[] count) {
            int n = rows.length;
            MutableDataset<Label> d = new MutableDataset<>(new org.tribuo.provenance.SimpleDataSourceProvenance(
                    "historical assignment", new org.tribuo.classification.LabelFactory()),
                    new org.tribuo.classification.LabelFactory());
            for (int i = 0; i < n; i++) {
                d.add(new org.tribuo.impl.ArrayExample<>(new Label(options.get(option[i])), names, rows[i]));
            }
            Model<Label> propensity = new org.tribuo.classification.liblinear.LibLinearClassificationTrainer(
                    new org.tribuo.classification.liblinear.LinearClassificationType(
                            org.tribuo.classification.liblinear.LinearClassificationType.LinearType.L2R_LR),
                    settings.cost(), 1000, 1e-4, settings.seed()).train(d);
            float[] w = new float[n];
            for (int i = 0; i < n; i++) {
                Label l = propensity.predict(TribuoBridge.example(names, rows[i])).getOutputScores()
                        .get(options.get(option[i]));
                double p = Math.max(l == null ? 0 : l.getScore(), 1e-12);
                double share = (double) count[option[i]] / n;
                w[i] = (float) Math.min(settings.maxWeight(), share / p);
            }
            return w;
        }

        private Model<Label> fit(double[][] rows, boolean[] employed, boolean profiling, float[] weights,
                                 List<Integer> members, int a, int bag, boolean[] drawn) {
            long seed = mixSeed(settings.seed(), a, bag);
            SplittableRandom r = new SplittableRandom(seed);
            for (int attempt = 0; attempt < 20; attempt++) {
                int[] idx = sample(members, bag > 0, r);
                double[][] x = new double[idx.length][];
                boolean[] y = new boolean[idx.length];
                float[] w = weights != null && !profiling ? new float[idx.length] : null;
                int pos = 0;
                for (int k = 0; k < idx.length; k++) {
                    x[k] = rows[idx[k]];
                    y[k] = profiling != employed[idx[k]];
                    pos += y[k] ? 1 : 0;
                    if (w != null) {
                        w[k] = weights[idx[k]];
                    }
                }
                if (pos == 0 || pos == idx.length) {
                    continue; // a resample with one outcome only: draw again
                }
                String what = (profiling ? PROFILING : options.get(a)) + (bag == 0 ? "" : " bag " + bag);
                MutableDataset<Label> d = TribuoBridge.dataset(what, names, x, y, w);
                for (int i : idx) {
                    drawn[i] = true;
                }
                return settings.learner() == TrainingSettings.Learner.LOGISTIC_REGRESSION
                        ? TribuoBridge.trainLogistic(d, settings.cost(), seed)
                        : TribuoBridge.trainBoosted(d, settings.trees(), settings.maxDepth(), settings.learningRate(),
                        seed);
            }
            throw new IllegalStateException("could not draw a resample with both outcomes for option "
                    + options.get(Math.min(a, options.size() - 1)));
        }

        /** The point model uses every member once; a bag is a uniform bootstrap resample of the members. */
        private static int[] sample(List<Integer> members, boolean bootstrap, SplittableRandom r) {
            int m = members.size();
            int[] out = new int[m];
            for (int k = 0; k < m; k++) {
                out[k] = members.get(bootstrap ? r.nextInt(m) : k);
            }
            return out;
        }

        private static long mixSeed(long seed, int option, int bag) {
            long z = seed + 0x9E3779B97F4A7C15L * (option * 1009L + bag + 1);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
