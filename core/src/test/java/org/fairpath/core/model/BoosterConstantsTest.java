package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

/**
 * The XGBoost constants are read from the trained booster, and settings the compiled scorer cannot reproduce are
 * refused. Oracle: XGBoost's documented model JSON (learner_model_param, tree_info) and its multi:softprob layout of one
 * tree per class per round.
 */
final class BoosterConstantsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void read_fromATrainedBooster_givesObjectiveBaseScoreAndTreeClasses() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        double[][] x = new double[200][2];
        boolean[] y = new boolean[200];
        for (int i = 0; i < 200; i++) {
            x[i][0] = r.nextGaussian();
            x[i][1] = r.nextGaussian();
            y[i] = x[i][0] + 0.5 * r.nextGaussian() > 0;
        }
        String[] names = {"a@value", "b@value"};
        Model<Label> m = TribuoBridge.trainBoosted(TribuoBridge.dataset("t", names, x, y, null), 7, 2, 0.3, 1L);
        @SuppressWarnings("unchecked")
        Booster booster = ((XGBoostModel<Label>) m).getInnerModels().get(0);
        int trees = booster.getModelDump((String) null, false).length;
        assertEquals(14, trees); // 7 rounds x 2 classes
        TribuoBridge.BoosterConstants c = TribuoBridge.BoosterConstants.read(booster.toByteArray("json"), trees);
        assertEquals("multi:softprob", c.objective());
        assertEquals(2, c.classes());
        assertEquals(0.5f, c.baseScore());
        int[] expected = new int[14];
        for (int t = 0; t < 14; t++) {
            expected[t] = t % 2;
        }
        assertArrayEquals(expected, c.treeClass());
    }

    private static ArrayNode info(int... classes) {
        ArrayNode a = JSON.createArrayNode();
        for (int c : classes) {
            a.add(c);
        }
        return a;
    }

    @Test
    void check_refusesWhatTheScorerCannotReproduce() {
        assertEquals(0.25f, TribuoBridge.BoosterConstants.check("gbtree", "multi:softprob", 2, 0.25f, info(0, 1), 2)
                .baseScore());
        String[][] refused = {
            {"dart", "multi:softprob", "2"},
            {"gbtree", "binary:logistic", "2"},
            {"gbtree", "multi:softprob", "3"},
        };
        for (String[] c : refused) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TribuoBridge.BoosterConstants.check(c[0], c[1], Integer.parseInt(c[2]), 0.5f, info(0, 1),
                            2));
            assertTrue(e.getMessage().contains("reproduces only"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> TribuoBridge.BoosterConstants.check("gbtree", "multi:softprob", 2, 0.5f, info(0, 2), 2));
        assertThrows(IllegalArgumentException.class,
                () -> TribuoBridge.BoosterConstants.check("gbtree", "multi:softprob", 2, 0.5f, info(0), 2));
        assertThrows(IllegalArgumentException.class,
                () -> TribuoBridge.BoosterConstants.check("gbtree", "multi:softprob", 2, Float.NaN, info(0, 1), 2));
    }
}
