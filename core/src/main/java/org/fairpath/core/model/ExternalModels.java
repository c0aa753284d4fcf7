package org.fairpath.core.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Schema;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.Sha256;

/** Builds {@link OutcomeModels} from models given by their coefficients: see {@link OutcomeModels#fromExternal}. */
final class ExternalModels {

    private ExternalModels() {
    }

    static OutcomeModels build(ServiceCatalogue catalogue, ExternalLinearModel profiling,
                               Map<String, ExternalLinearModel> outcomes, JobseekerProfile reference) {
        Objects.requireNonNull(catalogue, "catalogue");
        Objects.requireNonNull(profiling, "profiling");
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(reference, "reference");
        Schema schema = catalogue.schema();
        List<String> options = new ArrayList<>();
        // a profiling-only deployment (no services) may come without any outcome model: then there are no options
        if (!catalogue.ids().isEmpty() || outcomes.containsKey(ServiceCatalogue.BASELINE)) {
            options.add(ServiceCatalogue.BASELINE);
            options.addAll(catalogue.ids());
        }
        List<String> problems = new ArrayList<>();
        if (profiling.target() != ExternalLinearModel.Target.PROFILING) {
            problems.add("profiling model '" + profiling.name() + "' has target " + name(profiling.target())
                    + "; a profiling model must have target \"profiling\"");
        }
        check(profiling, "profiling model", schema, problems);
        for (String option : options) {
            ExternalLinearModel m = outcomes.get(option);
            if (m == null) {
                problems.add("no outcome model for option '" + option + "'; every option (" + options
                        + ") needs one, as suggestions compare each service with " + ServiceCatalogue.BASELINE
                        + " (only a catalogue without services may come without outcome models)");
                continue;
            }
            if (m.target() != ExternalLinearModel.Target.OUTCOME) {
                problems.add("outcome model for '" + option + "' has target " + name(m.target())
                        + "; it must have target \"outcome\"");
            }
            check(m, "outcome model for '" + option + "'", schema, problems);
        }
        for (String key : outcomes.keySet()) {
            if (!options.contains(key)) {
                problems.add("outcome model given for '" + key + "', which is not an option; options: " + options
                        + (catalogue.ids().isEmpty() ? " (the catalogue has no services: only " + ServiceCatalogue.BASELINE
                        + " may have an outcome model, or none)" : ""));
            }
        }
        if (!reference.schema().equals(schema)) {
            problems.add("reference profile '" + reference.id() + "' uses schema '" + reference.schema().name()
                    + "', not '" + schema.name() + "'");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("external models: " + String.join("; ", problems));
        }
        Scorer[][] scorers = new Scorer[options.size() + 1][];
        for (int o = 0; o < options.size(); o++) {
            scorers[o] = new Scorer[] {outcomes.get(options.get(o)).scorer()};
        }
        scorers[options.size()] = new Scorer[] {profiling.scorer()};
        FeatureEncoder encoder = FeatureEncoder.of(schema);
        int width = encoder.width();
        double[] min = new double[width];
        double[] max = new double[width];
        // no training data: no training range to flag profiles against
        Arrays.fill(min, -Double.MAX_VALUE);
        Arrays.fill(max, Double.MAX_VALUE);
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Double> rates = new LinkedHashMap<>();
        Map<String, Double> effective = new LinkedHashMap<>();
        for (String o : options) {
            counts.put(o, 0);
            rates.put(o, 0.0);
            effective.put(o, 0.0);
        }
        StringBuilder given = new StringBuilder("external linear models\n");
        given.append("profiling=").append(describe(profiling)).append('\n');
        new TreeMap<>(outcomes).forEach((o, m) -> given.append(o).append('=').append(describe(m)).append('\n'));
        given.append("reference=").append(reference.toJson()).append('\n');
        TrainingSummary summary = new TrainingSummary(0, counts, rates, 1.0, effective,
                Sha256.hex(given.toString().getBytes(StandardCharsets.UTF_8)), min, max, Map.of(), Map.of(),
                encoder.encode(reference), List.of(), List.of());
        TrainingSettings settings = TrainingSettings.withDefaults().withBags(0);
        return new OutcomeModels(schema, catalogue, settings, options, scorers, Map.of(), summary, null);
    }

    private static void check(ExternalLinearModel m, String what, Schema schema, List<String> problems) {
        if (m.encoder().width() != FeatureEncoder.of(schema).width()
                || !m.encoder().featureNames().equals(FeatureEncoder.of(schema).featureNames())) {
            problems.add(what + " '" + m.name() + "' was read for another schema than the catalogue's ('"
                    + schema.name() + "')");
        }
    }

    private static String name(ExternalLinearModel.Target t) {
        return "\"" + t.name().toLowerCase(java.util.Locale.ROOT) + "\"";
    }

    private static String describe(ExternalLinearModel m) {
        return m.name() + " intercept " + m.intercept() + " weights " + Arrays.toString(m.weights());
    }
}
