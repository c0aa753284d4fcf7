package org.fairpath.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.fairpath.core.Attribute;
import org.fairpath.core.Role;
import org.fairpath.core.Schema;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * The checks that tie a bundle's parts to each other beyond their hashes (anyone can recompute a hash): the Tribuo
 * models must score a fixed probe set as the compiled scorers do, and {@code card.md} and {@code card.html} must be exactly what {@code card.json} renders to, with the
 * schema's justification of every protected attribute used as an input.
 */
final class BundleConsistency {

    /** How far a Tribuo model and its compiled scorer may differ on a probe row (README: 1e-9). */
    static final double TOLERANCE = 1e-9;
    /** Probe rows: the column minima, maxima and means, then seeded rows drawn between the minima and maxima. */
    static final int PROBES = 16;
    private static final long SEED = 20_261_203L;

    private BundleConsistency() {
    }

    /** The probe rows for the column ranges of {@code summary}. */
    static List<double[]> probes(TrainingSummary summary) {
        double[] lo = summary.columnMin();
        double[] hi = summary.columnMax();
        List<double[]> rows = new ArrayList<>(List.of(lo.clone(), hi.clone(), summary.columnMean().clone()));
        SplittableRandom r = new SplittableRandom(SEED);
        while (rows.size() < PROBES) {
            double[] x = new double[lo.length];
            for (int j = 0; j < x.length; j++) {
                x[j] = lo[j] + r.nextDouble() * (hi[j] - lo[j]);
            }
            rows.add(x);
        }
        return rows;
    }

    /**
     * Refuses a bundle whose Tribuo model (file {@code tribuo/KEY.pb}) scores a probe row differently from the compiled
     * scorer of the same option and bag by more than {@link #TOLERANCE}.
     */
    static void tribuoMatchesScorers(List<String> options, Scorer[][] scorers, Map<String, Model<Label>> tribuo,
                                     List<String> featureNames, TrainingSummary summary) {
        String[] names = featureNames.toArray(new String[0]);
        List<double[]> probes = probes(summary);
        for (Map.Entry<String, Model<Label>> e : tribuo.entrySet()) {
            String key = e.getKey();
            int hash = key.indexOf('#');
            String option = hash < 0 ? key : key.substring(0, hash);
            int bag;
            try {
                bag = hash < 0 ? 0 : Integer.parseInt(key.substring(hash + 1));
            } catch (NumberFormatException x) {
                throw new IllegalArgumentException("bundle file " + file(key) + ": not a model name this fairpath"
                        + " writes (OPTION or OPTION-BAG)");
            }
            int a = option.equals(OutcomeModels.PROFILING) ? options.size() : options.indexOf(option);
            if (a < 0 || bag < 0 || bag >= scorers[a].length) {
                throw new IllegalArgumentException("bundle file " + file(key) + " is a model of no option and bag in"
                        + " scorers.json (options " + options + ", " + (scorers.length == 0 ? 0
                        : scorers[0].length - 1) + " bags)");
            }
            for (int i = 0; i < probes.size(); i++) {
                double s = scorers[a][bag].probability(probes.get(i));
                double t = TribuoBridge.predict(e.getValue(), names, probes.get(i));
                if (!(Math.abs(s - t) <= TOLERANCE)) {
                    throw new IllegalArgumentException("bundle file " + file(key) + " disagrees with its compiled"
                            + " scorer in scorers.json on probe row " + i + " (Tribuo " + t + ", scorer " + s
                            + "); the Tribuo models are not the ones the scorers were compiled from");
                }
            }
        }
    }

    private static String file(String key) {
        return "tribuo/" + key.replace('#', '-') + ".pb";
    }

    /**
     * Refuses a card whose Markdown or HTML is not exactly what its JSON renders to, or whose justifications of the
     * protected attributes used as inputs are not the schema's.
     */
    static void card(JsonNode card, byte[] markdown, byte[] html, Schema schema) {
        Map<String, String> stated = new TreeMap<>();
        card.path("protectedAttributesUsed").forEach(p -> stated.put(p.path("attribute").asText(),
                p.path("justification").asText()));
        Map<String, String> schemaSays = new TreeMap<>();
        for (Attribute a : schema.attributes()) {
            if (a.hasRole(Role.PROTECTED) && a.hasRole(Role.FEATURE)) {
                schemaSays.put(a.name(), a.justification().orElse(CardDetails.NOT_STATED));
            }
        }
        if (!stated.equals(schemaSays)) {
            throw new IllegalArgumentException("bundle file card.json states other protected attributes or"
                    + " justifications than schema.json: the card says " + stated.keySet() + ", the schema "
                    + schemaSays.keySet() + (stated.keySet().equals(schemaSays.keySet()) ? " with other wording" : ""));
        }
        if (!Arrays.equals(markdown, ModelCard.markdown(card).getBytes(StandardCharsets.UTF_8))) {
            throw new IllegalArgumentException("bundle file " + ModelCard.MARKDOWN_FILE + " is not what card.json"
                    + " renders to; the card people read would say something else than the checked card");
        }
        if (!Arrays.equals(html, ModelCard.html(card).getBytes(StandardCharsets.UTF_8))) {
            throw new IllegalArgumentException("bundle file " + ModelCard.HTML_FILE + " is not what card.json"
                    + " renders to; the card people read would say something else than the checked card");
        }
    }
}
