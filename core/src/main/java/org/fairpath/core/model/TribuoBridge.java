package org.fairpath.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationModel;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.liblinear.LibLinearModel;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Everything that touches Tribuo: building datasets and examples from encoded rows, training, predicting (the
 * reference path), and compiling trained models into {@link Scorer}s.
 *
 * <p>Every example carries every encoded column, zeros included, so Tribuo, liblinear and XGBoost all see dense rows
 * and XGBoost's missing-value branch never applies.
 */
final class TribuoBridge {

    static final String POSITIVE = "yes";
    static final String NEGATIVE = "no";
    private static final LabelFactory LABELS = new LabelFactory();
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * XGBoost's native library is not safe for a dump or save while other threads train: a training run may hold the
     * read lock with others, a dump needs it alone (see {@link #compileTrees}).
     */
    private static final java.util.concurrent.locks.ReadWriteLock XGBOOST =
            new java.util.concurrent.locks.ReentrantReadWriteLock();

    private TribuoBridge() {
    }

    static MutableDataset<Label> dataset(String description, String[] names, double[][] rows, boolean[] positive,
                                         float[] weights) {
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance(description, LABELS), LABELS);
        for (int i = 0; i < rows.length; i++) {
            ArrayExample<Label> e = new ArrayExample<>(new Label(positive[i] ? POSITIVE : NEGATIVE), names, rows[i]);
            if (weights != null) {
                e.setWeight(weights[i]);
            }
            d.add(e);
        }
        return d;
    }

    /** An unlabelled example, as a caller of Tribuo's {@code Model.predict} must build one. */
    static Example<Label> example(String[] names, double[] row) {
        return new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, row);
    }

    /** Tribuo's own probability of the positive outcome: the reference the compiled scorers must match. */
    static double predict(Model<Label> model, String[] names, double[] row) {
        Prediction<Label> p = model.predict(example(names, row));
        Label positive = p.getOutputScores().get(POSITIVE);
        return positive == null ? 0.0 : positive.getScore();
    }

    /**
     * L2-regularised logistic regression with liblinear's L2R_LR solver (trust-region Newton): deterministic, solved
     * to convergence, no step size or epoch count to tune. {@code cost} is liblinear's C (inverse regularisation).
     */
    static Model<Label> trainLogistic(MutableDataset<Label> data, double cost, long seed) {
        LibLinearClassificationTrainer t = new LibLinearClassificationTrainer(
                new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), cost, 1000, 1e-4, seed);
        return t.train(data);
    }

    /**
     * Tribuo's own probabilities of the positive outcome for many rows in one batch (for XGBoost one native matrix and
     * one prediction call, under the same lock as training: no dump or save runs meanwhile).
     */
    static double[] predictAll(Model<Label> model, String[] names, double[][] rows) {
        List<Example<Label>> examples = new java.util.ArrayList<>(rows.length);
        for (double[] row : rows) {
            examples.add(example(names, row));
        }
        List<Prediction<Label>> predictions;
        XGBOOST.readLock().lock();
        try {
            predictions = model.predict(examples);
        } finally {
            XGBOOST.readLock().unlock();
        }
        double[] p = new double[rows.length];
        for (int i = 0; i < p.length; i++) {
            Label positive = predictions.get(i).getOutputScores().get(POSITIVE);
            p[i] = positive == null ? 0.0 : positive.getScore();
        }
        return p;
    }

    static Model<Label> trainBoosted(MutableDataset<Label> data, int trees, int maxDepth, double eta, long seed) {
        XGBoostClassificationTrainer t = new XGBoostClassificationTrainer(trees, eta, 0, maxDepth, 1, 1, 1, 1, 0, 1,
                true, seed);
        XGBOOST.readLock().lock();
        try {
            return t.train(data);
        } finally {
            XGBOOST.readLock().unlock();
        }
    }

    /** Compiles a trained Tribuo model into a scorer over the columns {@code names} (encoder order). */
    static Scorer compile(Model<Label> model, String[] names) {
        if (model instanceof LibLinearClassificationModel) {
            return compileLinear((LibLinearClassificationModel) model, names);
        }
        if (model instanceof XGBoostModel) {
            @SuppressWarnings("unchecked")
            XGBoostModel<Label> xgb = (XGBoostModel<Label>) model;
            return compileTrees(xgb, names);
        }
        throw new IllegalArgumentException("cannot compile a " + model.getClass().getName()
                + "; supported: liblinear logistic regression and XGBoost classification models");
    }

    private static Map<String, Integer> columns(String[] names) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], i);
        }
        return m;
    }

    private static LinearScorer compileLinear(LibLinearModel<Label> model, String[] names) {
        de.bwaldvogel.liblinear.Model inner = model.getInnerModels().get(0);
        ImmutableFeatureMap features = model.getFeatureIDMap();
        ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
        double[] w = inner.getFeatureWeights(); // index = Tribuo feature id, last = bias feature (value 1)
        int[] labels = inner.getLabels(); // liblinear class order; values are Tribuo output ids
        if (inner.getNrClass() != 2 || w.length != features.size() + 1) {
            throw new IllegalStateException("expected a binary liblinear model with " + (features.size() + 1)
                    + " weights; got " + inner.getNrClass() + " classes and " + w.length + " weights");
        }
        // liblinear's decision value is for labels[0]; flip the sign if the positive outcome is labels[1].
        boolean positiveFirst = outputs.getOutput(labels[0]).getLabel().equals(POSITIVE);
        double sign = positiveFirst ? 1.0 : -1.0;
        Map<String, Integer> col = columns(names);
        double[] weights = new double[names.length];
        for (int id = 0; id < features.size(); id++) {
            Integer c = col.get(features.get(id).getName());
            if (c == null) {
                throw new IllegalStateException("model feature '" + features.get(id).getName()
                        + "' is not an encoder column");
            }
            weights[c] = sign * w[id];
        }
        return new LinearScorer(weights, sign * w[features.size()]);
    }

    private static TreeEnsembleScorer compileTrees(XGBoostModel<Label> model, String[] names) {
        ImmutableFeatureMap features = model.getFeatureIDMap();
        ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
        if (outputs.size() != 2) {
            throw new IllegalStateException("expected two classes; got " + outputs.size());
        }
        int positiveClass = outputs.getID(new Label(POSITIVE));
        Map<String, Integer> col = columns(names);
        Booster booster = model.getInnerModels().get(0);
        String[] dump;
        byte[] saved;
        try {
            // one native dump at a time, and none while another thread trains: XGBoost 1.6's JSON dump crashed the
            // JVM (SIGSEGV in JsonGenerator::BuildTree) when several threads compiled cross-fitted models at once, and
            // its save (XGBoosterSaveModelToBuffer) crashed it once while other threads were training (NSW, 50 fold
            // splits of boosted trees)
            XGBOOST.writeLock().lock();
            try {
                dump = booster.getModelDump((String) null, true, "json");
                saved = booster.toByteArray("json");
            } finally {
                XGBOOST.writeLock().unlock();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not dump its trees", e);
        }
        BoosterConstants constants = BoosterConstants.read(saved, dump.length);
        Nodes nodes = new Nodes();
        int[] roots = new int[dump.length];
        int[] treeClass = new int[dump.length];
        for (int t = 0; t < dump.length; t++) {
            JsonNode tree;
            try {
                tree = JSON.readTree(dump[t]);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("unreadable XGBoost tree dump", e);
            }
            roots[t] = nodes.add(tree, features, col);
            treeClass[t] = constants.treeClass()[t];
        }
        return new TreeEnsembleScorer(names.length, roots, treeClass, nodes.feature(), nodes.threshold(), nodes.yes(),
                nodes.no(), nodes.leaf(), nodes.cover(), constants.baseScore(), positiveClass);
    }

    /**
     * The constants the compiled scorer needs, read from the booster's own saved JSON model rather than assumed: the
     * objective, the number of classes, {@code base_score} and each tree's class ({@code tree_info}). Only what
     * {@link TreeEnsembleScorer} reproduces is accepted: a {@code gbtree} booster with objective
     * {@code multi:softprob} or {@code multi:softmax} over two classes, with every tree's class 0 or 1.
     */
    record BoosterConstants(String objective, int classes, float baseScore, int[] treeClass) {

        static BoosterConstants read(byte[] savedJson, int trees) {
            JsonNode learner;
            try {
                learner = JSON.readTree(savedJson).path("learner");
            } catch (java.io.IOException e) {
                throw new IllegalStateException("unreadable XGBoost model JSON", e);
            }
            String booster = learner.path("gradient_booster").path("name").asText("");
            String objective = learner.path("objective").path("name").asText("");
            JsonNode param = learner.path("learner_model_param");
            int classes;
            float baseScore;
            try {
                classes = Integer.parseInt(param.path("num_class").asText(""));
                baseScore = Float.parseFloat(param.path("base_score").asText(""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("XGBoost model has no readable num_class or base_score in"
                        + " learner_model_param: " + param);
            }
            JsonNode info = learner.path("gradient_booster").path("model").path("tree_info");
            return check(booster, objective, classes, baseScore, info, trees);
        }

        static BoosterConstants check(String booster, String objective, int classes, float baseScore, JsonNode info,
                                      int trees) {
            if (!booster.equals("gbtree")) {
                throw new IllegalArgumentException("XGBoost booster is '" + booster + "'; the compiled scorer"
                        + " reproduces only 'gbtree'");
            }
            if (!objective.equals("multi:softprob") && !objective.equals("multi:softmax")) {
                throw new IllegalArgumentException("XGBoost objective is '" + objective + "'; the compiled scorer"
                        + " reproduces only multi:softprob (and multi:softmax, the same margins)");
            }
            if (classes != 2) {
                throw new IllegalArgumentException("XGBoost num_class is " + classes + "; the compiled scorer"
                        + " reproduces only 2");
            }
            if (!Float.isFinite(baseScore)) {
                throw new IllegalArgumentException("XGBoost base_score is " + baseScore + "; it must be finite");
            }
            if (!info.isArray() || info.size() != trees) {
                throw new IllegalArgumentException("XGBoost tree_info has " + (info.isArray() ? info.size() : "no")
                        + " entries for " + trees + " trees");
            }
            int[] treeClass = new int[trees];
            for (int t = 0; t < trees; t++) {
                int c = info.get(t).asInt(-1);
                if (c != 0 && c != 1) {
                    throw new IllegalArgumentException("XGBoost tree " + t + " is for class " + info.get(t)
                            + "; allowed: 0 or 1");
                }
                treeClass[t] = c;
            }
            return new BoosterConstants(objective, classes, baseScore, treeClass);
        }
    }

    /** Growable flat node arrays, filled depth-first from XGBoost's JSON dump. */
    private static final class Nodes {
        private final List<Integer> feature = new ArrayList<>();
        private final List<Float> threshold = new ArrayList<>();
        private final List<Integer> yes = new ArrayList<>();
        private final List<Integer> no = new ArrayList<>();
        private final List<Float> leaf = new ArrayList<>();
        private final List<Double> cover = new ArrayList<>();

        /** Adds the subtree {@code n}; returns the index of its root. */
        int add(JsonNode n, ImmutableFeatureMap features, Map<String, Integer> col) {
            int me = feature.size();
            feature.add(-1);
            threshold.add(0f);
            yes.add(-1);
            no.add(-1);
            leaf.add(0f);
            cover.add(n.path("cover").asDouble());
            if (n.has("leaf")) {
                leaf.set(me, (float) n.get("leaf").doubleValue());
                return me;
            }
            String split = n.get("split").asText(); // "f<id>" with no feature map
            int id = Integer.parseInt(split.substring(1));
            Integer c = col.get(features.get(id).getName());
            if (c == null) {
                throw new IllegalStateException("model feature '" + features.get(id).getName()
                        + "' is not an encoder column");
            }
            feature.set(me, c);
            threshold.set(me, (float) n.get("split_condition").doubleValue());
            int yesId = n.get("yes").asInt();
            int noId = n.get("no").asInt();
            JsonNode yesChild = null;
            JsonNode noChild = null;
            for (JsonNode child : n.get("children")) {
                if (child.get("nodeid").asInt() == yesId) {
                    yesChild = child;
                } else if (child.get("nodeid").asInt() == noId) {
                    noChild = child;
                }
            }
            if (yesChild == null || noChild == null) {
                throw new IllegalStateException("XGBoost node " + n.get("nodeid") + " lacks a child");
            }
            yes.set(me, add(yesChild, features, col));
            no.set(me, add(noChild, features, col));
            return me;
        }

        int[] feature() {
            return feature.stream().mapToInt(Integer::intValue).toArray();
        }

        int[] yes() {
            return yes.stream().mapToInt(Integer::intValue).toArray();
        }

        int[] no() {
            return no.stream().mapToInt(Integer::intValue).toArray();
        }

        float[] threshold() {
            float[] a = new float[threshold.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = threshold.get(i);
            }
            return a;
        }

        float[] leaf() {
            float[] a = new float[leaf.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = leaf.get(i);
            }
            return a;
        }

        double[] cover() {
            return cover.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
