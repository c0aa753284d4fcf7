package org.fairpath.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairpath.core.Attribute;
import org.fairpath.core.AttributeType;
import org.fairpath.core.Fairpath;
import org.fairpath.core.Role;

/**
 * The model card of a bundle ({@code card.json}, {@code card.md}, {@code card.html}), written at training by
 * {@link ModelBundle#save}: intended purpose and uses out of scope, the deployer's fields, a datasheet of the training
 * data, performance, the justification of every protected attribute used as a model input, known limitations, and the
 * model version and file hashes. {@code card.json} follows {@code model-card.schema.json}; a bundle whose card does not
 * conform, or disagrees with the manifest, does not load. The HTML page has no scripts and loads nothing.
 */
final class ModelCard {

    static final String JSON_FILE = "card.json";
    static final String MARKDOWN_FILE = "card.md";
    static final String HTML_FILE = "card.html";
    static final int VERSION = 1;
    /** Counts below this are shown as "&lt;10" in the Markdown and HTML pages (the JSON keeps them for monitoring). */
    static final int SMALL_COUNT = 10;

    private ModelCard() {
    }

    static ObjectNode json(ObjectMapper json, OutcomeModels m, CardDetails d, String created,
                           Map<String, String> fileHashes) {
        ObjectNode root = json.createObjectNode();
        root.put("schemaVersion", VERSION);
        root.put("kind", "fairpath-model-card");
        ObjectNode model = root.putObject("model");
        model.put("modelVersion", m.version());
        model.put("fairpathVersion", Fairpath.VERSION);
        model.put("bundleFormat", ModelBundle.FORMAT_VERSION);
        model.put("created", created);
        model.put("learner", m.settings().learner().name().toLowerCase(Locale.ROOT));
        model.put("settings", m.settings().describe());
        ArrayNode opts = model.putArray("options");
        m.options().forEach(opts::add);
        ObjectNode use = root.putObject("intendedUse");
        use.put("purpose", d.intendedPurpose());
        use.put("humanOversight", "Every suggestion is shown to a counsellor, who accepts, overrides (with a reason)"
                + " or rejects it; only a counsellor's logged decision makes a referral. A deployment can switch a"
                + " model version off (kill switch) and fall back to the manual workflow.");
        ArrayNode oos = use.putArray("outOfScope");
        d.outOfScope().forEach(oos::add);
        ObjectNode dep = root.putObject("deployer");
        dep.put("organisation", d.deployer());
        dep.put("legalBasis", d.legalBasis());
        dep.put("contact", d.contact());
        ObjectNode data = root.putObject("trainingData");
        data.put("source", d.dataSource());
        data.put("period", d.dataPeriod());
        TrainingSummary s = m.summary();
        data.put("cases", s.cases());
        data.put("dataFingerprint", s.dataFingerprint());
        ObjectNode per = data.putObject("casesPerOption");
        s.casesPerOption().forEach(per::put);
        if (m.datasheet().isEmpty()) {
            data.putNull("attributes");
        } else {
            ArrayNode attrs = data.putArray("attributes");
            for (Datasheet.AttributeSheet a : m.datasheet().get().attributes()) {
                ObjectNode o = attrs.addObject();
                o.put("name", a.name());
                o.put("type", a.type().name().toLowerCase(Locale.ROOT));
                ArrayNode roles = o.putArray("roles");
                a.roles().forEach(roles::add);
                o.put("missing", a.missing());
                double rate = a.missingRate();
                if (Double.isNaN(rate)) {
                    o.putNull("missingRate");
                } else {
                    o.put("missingRate", rate);
                }
                o.put("approximate", a.approximate());
                ObjectNode counts = o.putObject("counts");
                a.counts().forEach(counts::put);
                ObjectNode by = o.putObject("byOption");
                a.byOption().forEach((opt, c) -> {
                    ObjectNode x = by.putObject(opt);
                    c.forEach(x::put);
                });
            }
        }
        root.set("performance", performance(json, m));
        ArrayNode used = root.putArray("protectedAttributesUsed");
        for (Attribute a : m.schema().attributes()) {
            if (a.hasRole(Role.PROTECTED) && a.hasRole(Role.FEATURE)) {
                ObjectNode o = used.addObject();
                o.put("attribute", a.name());
                o.put("justification", a.justification().orElse(CardDetails.NOT_STATED));
            }
        }
        ArrayNode lim = root.putArray("limitations");
        limitations(m).forEach(lim::add);
        ObjectNode hashes = root.putObject("hashes");
        hashes.put("algorithm", "SHA-256");
        ObjectNode files = hashes.putObject("files");
        fileHashes.forEach(files::put);
        return root;
    }

    /**
     * Performance as far as the bundle knows it: the point models' in-sample AUC and Brier score per option
     * (optimistic) and, when the models were trained with at least two bags, their held-out (out-of-bag) metrics per
     * option and per level of every categorical or boolean protected attribute ({@link HeldOutMetrics}, exactly as in
     * training.json) and held-out calibration by bins ({@link HeldOutCalibration}); {@code heldOut} is null otherwise.
     */
    private static ObjectNode performance(ObjectMapper json, OutcomeModels m) {
        ObjectNode p = json.createObjectNode();
        ObjectNode in = p.putObject("inSample");
        ObjectNode auc = in.putObject("auc");
        m.summary().auc().forEach((k, v) -> putNumber(auc, k, v));
        ObjectNode brier = in.putObject("brier");
        m.summary().brier().forEach((k, v) -> putNumber(brier, k, v));
        if (m.summary().heldOut().isEmpty()) {
            p.putNull("heldOut");
            p.put("note", "In-sample only: each point model's ROC AUC and Brier score on its own training cases, which"
                    + " overstates how well it predicts new jobseekers. These models have no out-of-bag predictions"
                    + " (fewer than two bags, or not trained by fairpath), so no held-out or per-group performance"
                    + " and no calibration are available.");
            return p;
        }
        ObjectNode h = p.putObject("heldOut");
        h.put("method", "Out-of-bag: each training case scored by the mean of the bootstrap bags that did not draw"
                + " it (a case drawn by every bag is left out). Not optimistic like the in-sample figures; with few"
                + " bags somewhat pessimistic.");
        h.put("confidence", m.settings().confidence());
        ArrayNode metrics = h.putArray("metrics");
        for (HeldOutMetrics x : m.summary().heldOut()) {
            ObjectNode o = metrics.addObject();
            o.put("option", x.option());
            o.put("group", x.group());
            o.put("cases", x.cases());
            putNumber(o, "auc", x.auc());
            putNumber(o, "aucLower", x.aucLower());
            putNumber(o, "aucUpper", x.aucUpper());
            o.put("aucNote", x.aucNote());
            putNumber(o, "brier", x.brier());
            putNumber(o, "brierLower", x.brierLower());
            putNumber(o, "brierUpper", x.brierUpper());
            putNumber(o, "meanPredicted", x.meanPredicted());
            putNumber(o, "observedRate", x.observedRate());
            putNumber(o, "calibrationLower", x.calibrationLower());
            putNumber(o, "calibrationUpper", x.calibrationUpper());
        }
        ArrayNode cal = h.putArray("calibration");
        for (HeldOutCalibration c : m.calibration()) {
            ObjectNode o = cal.addObject();
            o.put("option", c.option());
            ArrayNode bins = o.putArray("bins");
            for (HeldOutCalibration.Bin b : c.bins()) {
                ObjectNode x = bins.addObject();
                x.put("from", b.from());
                x.put("to", b.to());
                x.put("cases", b.cases());
                x.put("positives", b.positives());
                x.put("meanPredicted", b.meanPredicted());
                x.put("observedRate", b.observedRate());
                x.put("lower", b.lower());
                x.put("upper", b.upper());
            }
            o.put("binsTested", c.binsTested());
            o.put("binsCovering", c.binsCovering());
        }
        h.put("coverageNote", "What can be measured on real data: the true probabilities are unknown, so the"
                + " coverage of the suggestions' intervals cannot be checked here. Measured instead: held-out"
                + " calibration in ten bins of the predicted probability, each bin's observed rate with its Wilson"
                + " interval at the training confidence; a bin of at least " + HeldOutCalibration.MIN_BIN_CASES
                + " cases covers when that interval holds the bin's mean prediction. A calibrated model covers in"
                + " roughly the confidence's share of bins; fewer suggests miscalibration, not a failed interval.");
        p.put("note", "In-sample figures are each point model's ROC AUC and Brier score on its own training cases and"
                + " overstate how well it predicts new jobseekers. Held-out figures are out-of-bag, per option and"
                + " per protected group, with intervals at the training confidence that stay valid at the extremes"
                + " (Wilson score for the observed rate and the Brier score, score-type for the AUC); a group under "
                + HeldOutMetrics.MIN_CASES + " cases gets no figures (card.json keeps its count, the figures null,"
                + " the reason in aucNote), and the AUC needs at least " + HeldOutMetrics.MIN_CLASS + " positive and "
                + HeldOutMetrics.MIN_CLASS + " negative outcomes.");
        return p;
    }

    private static void putNumber(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.putNull(k);
        }
    }

    static List<String> limitations(OutcomeModels m) {
        List<String> l = new ArrayList<>();
        if (m.summary().cases() == 0) {
            l.add("Not trained by fairpath: the models are given by their coefficients (OutcomeModels.fromExternal),"
                    + " so this card has no performance figures, no training data and no intervals; their validity"
                    + " rests on whoever estimated them.");
            l.add("Suggestions are only as good as the inputs: profiles with unknown values are flagged, not"
                    + " refused; no training range is known to flag profiles outside it.");
            return l;
        }
        l.add("Trained on historical, observational cases: who received which service was decided by counsellors,"
                + " so estimated benefits can be confounded by what they knew and the data do not show"
                + (m.settings().inversePropensity() ? " (inverse-propensity weighting corrects only for recorded"
                + " attributes)." : "; no inverse-propensity weighting was used."));
        l.add(m.summary().heldOut().isEmpty()
                ? "Performance figures are in-sample and optimistic; there is no held-out or per-group performance in"
                + " this card (trained with fewer than two bags)."
                : "Held-out figures are out-of-bag estimates from the training cases, not a test on later cohorts;"
                + " they say nothing about jobseekers unlike those trained on, and the calibration bins measure"
                + " calibration, not the coverage of the suggestions' intervals.");
        l.add("Suggestions are only as good as the inputs: profiles outside the training range or with unknown values"
                + " are flagged, not refused.");
        l.add("The training data reflect past counsellor decisions and labour markets; monitor inputs and outcomes"
                + " after go-live (fairpath monitor) and retrain when they drift.");
        m.summary().effectiveCases().forEach((o, n) -> {
            if (n < 200) {
                l.add(String.format(Locale.ROOT, "Option '%s' rests on few cases (effective sample size %.0f); its"
                        + " estimates are uncertain.", o, n));
            }
        });
        if (m.datasheet().isEmpty()) {
            l.add("No datasheet: these models were not trained by fairpath on case data, so input drift cannot be"
                    + " measured against the training data.");
        }
        return l;
    }

    /** The deployer's details recorded in a card, checked as {@link CardDetails} checks them. */
    static CardDetails details(JsonNode card) {
        List<String> oos = new ArrayList<>();
        card.at("/intendedUse/outOfScope").forEach(o -> oos.add(o.asText()));
        return new CardDetails(card.at("/deployer/organisation").asText(), card.at("/deployer/legalBasis").asText(),
                card.at("/deployer/contact").asText(), card.at("/trainingData/source").asText(),
                card.at("/trainingData/period").asText(), card.at("/intendedUse/purpose").asText(), oos);
    }

    /**
     * Refuses a datasheet whose per-group counts cannot hold training.json's held-out counts of the same groups (a
     * figure the bundle keeps twice). The held-out cases are those some bag left out, so for every group
     * {@code 0 ≤ datasheet count − held-out count ≤ cases − held-out cases of all}; per option with the datasheet's
     * counts by option. Cases moved between groups by fewer than that slack cannot be seen (README).
     */
    private static void heldOutAgrees(Datasheet.AttributeSheet a, TrainingSummary summary) {
        if (summary.heldOut().isEmpty()) {
            return;
        }
        Map<String, Map<String, Long>> sheets = new LinkedHashMap<>();
        Map<String, Long> profiling = new LinkedHashMap<>(a.counts());
        profiling.put("missing", a.missing());
        sheets.put(OutcomeModels.PROFILING, profiling);
        a.byOption().forEach(sheets::put);
        for (Map.Entry<String, Map<String, Long>> e : sheets.entrySet()) {
            String option = e.getKey();
            var all = summary.heldOut(option, "all");
            if (all.isEmpty()) {
                continue;
            }
            long total = option.equals(OutcomeModels.PROFILING) ? summary.cases()
                    : summary.casesPerOption().getOrDefault(option, 0);
            long slack = total - all.get().cases();
            for (Map.Entry<String, Long> level : e.getValue().entrySet()) {
                var held = summary.heldOut(option, a.name() + "=" + level.getKey());
                if (held.isEmpty()) {
                    continue;
                }
                long diff = level.getValue() - held.get().cases();
                if (diff < 0 || diff > slack) {
                    String field = option.equals(OutcomeModels.PROFILING) ? (level.getKey().equals("missing")
                            ? "missing" : "counts." + level.getKey()) : "byOption." + option + "." + level.getKey();
                    throw new IllegalArgumentException("trainingData.attributes '" + a.name() + "' "
                            + field + " is " + level.getValue() + ", but training.json holds " + held.get().cases()
                            + " held-out cases of " + a.name() + "=" + level.getKey() + " for " + option
                            + " (the count must lie between that and " + (held.get().cases() + slack)
                            + "); the datasheet does not describe the data these models were trained on");
                }
            }
        }
    }

    /**
     * Checks a loaded datasheet against the schema and the training summary: every attribute of the schema in order,
     * its type, exactly its levels for categories, numbers for numeric values, known plus missing equal to the cases,
     * and the same cases per option as training.json.
     */
    static void checkAgainst(Datasheet d, org.fairpath.core.Schema schema, TrainingSummary summary) {
        if (d == null) {
            return;
        }
        if (d.cases() != summary.cases() || !d.casesPerOption().equals(summary.casesPerOption())) {
            throw new IllegalArgumentException("the datasheet's cases (" + d.cases() + ", per option "
                    + d.casesPerOption() + ") differ from training.json's (" + summary.cases() + ", "
                    + summary.casesPerOption() + ")");
        }
        List<String> names = d.attributes().stream().map(Datasheet.AttributeSheet::name).toList();
        if (!names.equals(schema.names())) {
            throw new IllegalArgumentException("the datasheet describes attributes " + names + "; the schema has "
                    + schema.names());
        }
        for (Datasheet.AttributeSheet a : d.attributes()) {
            Attribute s = schema.attribute(a.name());
            if (a.type() != s.type()) {
                throw new IllegalArgumentException("the datasheet gives attribute '" + a.name() + "' type " + a.type()
                        + "; the schema says " + s.type());
            }
            if (a.known() + a.missing() != d.cases()) {
                throw new IllegalArgumentException("the datasheet counts " + a.known() + " known and " + a.missing()
                        + " unknown values of '" + a.name() + "' for " + d.cases() + " cases");
            }
            if (s.type() == AttributeType.NUMERIC) {
                for (String k : a.counts().keySet()) {
                    double v = Double.parseDouble(k);
                    if (!(v >= s.min() && v <= s.max())) {
                        throw new IllegalArgumentException("the datasheet has value " + k + " of '" + a.name()
                                + "', outside " + s.describeAllowed());
                    }
                }
            } else {
                List<String> levels = s.type() == AttributeType.BOOLEAN ? List.of("false", "true") : s.levels();
                if (!new ArrayList<>(a.counts().keySet()).equals(levels)) {
                    throw new IllegalArgumentException("the datasheet counts values " + a.counts().keySet() + " of '"
                            + a.name() + "'; the schema's are " + levels);
                }
                if (!a.byOption().isEmpty()) {
                    Map<String, Long> sum = new LinkedHashMap<>();
                    a.byOption().values().forEach(row -> row.forEach((l, n) -> sum.merge(l, n, Long::sum)));
                    if (!sum.equals(a.counts())) {
                        throw new IllegalArgumentException("the datasheet's counts of '" + a.name() + "' per option"
                                + " add up to " + sum + ", not to its counts " + a.counts());
                    }
                }
                heldOutAgrees(a, summary);
            }
        }
    }

    /** Checks that the card's in-sample performance is training.json's, figure by figure. */
    static void checkPerformance(JsonNode card, TrainingSummary summary) {
        for (String metric : List.of("auc", "brier")) {
            Map<String, Double> expected = metric.equals("auc") ? summary.auc() : summary.brier();
            JsonNode got = card.at("/performance/inSample/" + metric);
            if (got.size() != expected.size()) {
                throw new IllegalArgumentException("the card lists " + got.size() + " " + metric + " figures;"
                        + " training.json has " + expected.size());
            }
            expected.forEach((k, v) -> {
                JsonNode g = got.get(k);
                boolean same = g != null && (Double.isFinite(v) ? g.isNumber() && g.asDouble() == v : g.isNull());
                if (!same) {
                    throw new IllegalArgumentException("the card's in-sample " + metric + " of '" + k + "' is " + g
                            + "; training.json has " + v);
                }
            });
        }
    }

    /**
     * Checks the card's held-out section against training.json and itself, and returns its calibration: null exactly
     * when training.json has no held-out metrics; otherwise the training confidence, every metric figure for figure
     * (NaN as null), a calibration for every option and {@code profiling} in order whose bins are the fixed edges in
     * rising order, hold that option's held-out cases and positives, have their mean prediction inside the bin and
     * the Wilson interval and counts of tested and covering bins that their counts give.
     */
    static List<HeldOutCalibration> checkHeldOut(JsonNode card, TrainingSummary summary, TrainingSettings settings,
                                                 List<String> options) {
        JsonNode h = card.at("/performance/heldOut");
        if (summary.heldOut().isEmpty()) {
            if (!h.isNull()) {
                throw new IllegalArgumentException("the card has held-out performance; training.json has none");
            }
            return List.of();
        }
        if (!h.isObject()) {
            throw new IllegalArgumentException("the card has no held-out performance; training.json has "
                    + summary.heldOut().size() + " held-out figures");
        }
        if (h.get("confidence").asDouble() != settings.confidence()) {
            throw new IllegalArgumentException("the card's held-out confidence is " + h.get("confidence")
                    + "; training.json's is " + settings.confidence());
        }
        JsonNode metrics = h.get("metrics");
        if (metrics.size() != summary.heldOut().size()) {
            throw new IllegalArgumentException("the card lists " + metrics.size() + " held-out figures; training.json"
                    + " has " + summary.heldOut().size());
        }
        for (int i = 0; i < metrics.size(); i++) {
            HeldOutMetrics e = summary.heldOut().get(i);
            JsonNode g = metrics.get(i);
            String where = "the card's held-out figures for " + e.option() + ", " + e.group();
            if (!g.get("option").asText().equals(e.option()) || !g.get("group").asText().equals(e.group())
                    || g.get("cases").asLong() != e.cases() || !g.get("aucNote").asText().equals(e.aucNote())) {
                throw new IllegalArgumentException(where + " (entry " + i + ") differ from training.json's");
            }
            double[] want = {e.auc(), e.aucLower(), e.aucUpper(), e.brier(), e.brierLower(), e.brierUpper(),
                e.meanPredicted(), e.observedRate(), e.calibrationLower(), e.calibrationUpper()};
            String[] names = {"auc", "aucLower", "aucUpper", "brier", "brierLower", "brierUpper", "meanPredicted",
                "observedRate", "calibrationLower", "calibrationUpper"};
            for (int k = 0; k < names.length; k++) {
                JsonNode v = g.get(names[k]);
                boolean same = Double.isNaN(want[k]) ? v.isNull() : v.isNumber() && v.asDouble() == want[k];
                if (!same) {
                    throw new IllegalArgumentException(where + ": " + names[k] + " is " + v + "; training.json has "
                            + want[k]);
                }
            }
        }
        List<String> expected = new ArrayList<>(options);
        expected.add(OutcomeModels.PROFILING);
        JsonNode cal = h.get("calibration");
        if (cal.size() != expected.size()) {
            throw new IllegalArgumentException("the card's held-out calibration covers " + cal.size() + " models; the"
                    + " bundle has " + expected.size() + " " + expected);
        }
        double z = org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1)
                .inverseCumulativeProbability(0.5 + settings.confidence() / 2);
        List<HeldOutCalibration> out = new ArrayList<>();
        for (int i = 0; i < cal.size(); i++) {
            String option = expected.get(i);
            JsonNode c = cal.get(i);
            String where = "the card's held-out calibration of " + option;
            if (!c.get("option").asText().equals(option)) {
                throw new IllegalArgumentException("the card's held-out calibration " + i + " is of '"
                        + c.get("option").asText() + "'; expected '" + option + "'");
            }
            HeldOutMetrics all = summary.heldOut(option, "all").orElseThrow(() -> new IllegalArgumentException(
                    "training.json has no held-out figures of " + option + " for all cases"));
            List<HeldOutCalibration.Bin> bins = new ArrayList<>();
            int lastEdge = -1;
            long cases = 0;
            long positives = 0;
            for (JsonNode x : c.get("bins")) {
                int b = (int) Math.round(x.get("from").asDouble() * HeldOutCalibration.BINS);
                int n = x.get("cases").asInt();
                int k = x.get("positives").asInt();
                double mean = x.get("meanPredicted").asDouble();
                double[] w = HeldOutCalibration.wilson(k, n, z);
                boolean ok = b > lastEdge && b < HeldOutCalibration.BINS
                        && x.get("from").asDouble() == HeldOutCalibration.edge(b)
                        && x.get("to").asDouble() == HeldOutCalibration.edge(b + 1)
                        && k <= n && mean >= HeldOutCalibration.edge(b) && mean <= HeldOutCalibration.edge(b + 1)
                        && Math.abs(x.get("observedRate").asDouble() - (double) k / n) <= 1e-12
                        && Math.abs(x.get("lower").asDouble() - w[0]) <= 1e-12
                        && Math.abs(x.get("upper").asDouble() - w[1]) <= 1e-12;
                if (!ok) {
                    throw new IllegalArgumentException(where + ": bin " + x.get("from") + "-" + x.get("to")
                            + " is not consistent (edges, counts, mean prediction or Wilson interval)");
                }
                lastEdge = b;
                cases += n;
                positives += k;
                bins.add(new HeldOutCalibration.Bin(HeldOutCalibration.edge(b), HeldOutCalibration.edge(b + 1), n, k,
                        mean, x.get("lower").asDouble(), x.get("upper").asDouble()));
            }
            if (cases != all.cases() || positives != Math.round(all.observedRate() * all.cases())) {
                throw new IllegalArgumentException(where + ": its bins hold " + cases + " cases and " + positives
                        + " positive outcomes; training.json's held-out figures have " + all.cases() + " and "
                        + Math.round(all.observedRate() * all.cases()));
            }
            HeldOutCalibration got = HeldOutCalibration.withCounts(option, bins);
            if (got.binsTested() != c.get("binsTested").asInt() || got.binsCovering() != c.get("binsCovering").asInt()) {
                throw new IllegalArgumentException(where + ": it says " + c.get("binsCovering") + " of "
                        + c.get("binsTested") + " tested bins cover; its bins give " + got.binsCovering() + " of "
                        + got.binsTested());
            }
            out.add(got);
        }
        return out;
    }

    /** The datasheet recorded in a card (null when the card has none). */
    static Datasheet datasheet(JsonNode card) {
        JsonNode data = card.get("trainingData");
        if (data.get("attributes").isNull()) {
            return null;
        }
        Map<String, Integer> perOption = new LinkedHashMap<>();
        data.get("casesPerOption").fields().forEachRemaining(e -> perOption.put(e.getKey(), e.getValue().asInt()));
        List<Datasheet.AttributeSheet> sheets = new ArrayList<>();
        for (JsonNode a : data.get("attributes")) {
            List<String> roles = new ArrayList<>();
            a.get("roles").forEach(r -> roles.add(r.asText()));
            Map<String, Long> counts = new LinkedHashMap<>();
            a.get("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
            Map<String, Map<String, Long>> by = new LinkedHashMap<>();
            a.get("byOption").fields().forEachRemaining(e -> {
                Map<String, Long> c = new LinkedHashMap<>();
                e.getValue().fields().forEachRemaining(x -> c.put(x.getKey(), x.getValue().asLong()));
                by.put(e.getKey(), c);
            });
            sheets.add(new Datasheet.AttributeSheet(a.get("name").asText(),
                    AttributeType.valueOf(a.get("type").asText().toUpperCase(Locale.ROOT)), roles,
                    a.get("missing").asLong(), counts, a.get("approximate").asBoolean(), by));
        }
        return new Datasheet(data.get("cases").asInt(), perOption, sheets);
    }

    // ---- Markdown and HTML: the same content as the JSON, for people ----

    static String markdown(JsonNode c) {
        StringBuilder b = new StringBuilder();
        JsonNode model = c.get("model");
        b.append("# Model card: fairpath model ").append(model.get("modelVersion").asText(), 0, 12).append("\n\n");
        b.append("Model version `").append(model.get("modelVersion").asText()).append("`, fairpath ")
                .append(model.get("fairpathVersion").asText()).append(", created ").append(model.get("created")
                        .asText()).append(".\n\n");
        b.append("## Intended use\n\n").append(md(c.at("/intendedUse/purpose").asText())).append("\n\n")
                .append(c.at("/intendedUse/humanOversight").asText()).append("\n\n**Out of scope** — never use it"
                        + " for:\n\n");
        c.at("/intendedUse/outOfScope").forEach(o -> b.append("- ").append(md(o.asText())).append('\n'));
        b.append("\n## Deployer\n\n| field | value |\n|---|---|\n");
        b.append("| organisation | ").append(cell(c.at("/deployer/organisation").asText())).append(" |\n");
        b.append("| legal basis | ").append(cell(c.at("/deployer/legalBasis").asText())).append(" |\n");
        b.append("| contact | ").append(cell(c.at("/deployer/contact").asText())).append(" |\n");
        JsonNode data = c.get("trainingData");
        b.append("\n## Training data\n\nSource: ").append(md(data.get("source").asText())).append(". Period: ")
                .append(md(data.get("period").asText())).append(". ").append(data.get("cases").asInt())
                .append(" cases (fingerprint `").append(data.get("dataFingerprint").asText(), 0, 16)
                .append("…`).\n\n| option | cases |\n|---|---|\n");
        data.get("casesPerOption").fields().forEachRemaining(e -> b.append("| ").append(e.getKey()).append(" | ")
                .append(count(e.getValue().asLong())).append(" |\n"));
        if (data.get("attributes").isArray()) {
            b.append("\n| attribute | type | roles | missing | values (count) |\n|---|---|---|---|---|\n");
            for (JsonNode a : data.get("attributes")) {
                b.append("| ").append(a.get("name").asText()).append(" | ").append(a.get("type").asText())
                        .append(" | ").append(join(a.get("roles"))).append(" | ").append(rate(a.get("missingRate")))
                        .append(" | ").append(values(a)).append(" |\n");
            }
            for (JsonNode a : data.get("attributes")) {
                if (a.get("byOption").size() > 0) {
                    b.append("\nCases per option and ").append(a.get("name").asText()).append(":\n\n| option |");
                    Iterator<String> levels = a.get("counts").fieldNames();
                    List<String> ls = new ArrayList<>();
                    levels.forEachRemaining(ls::add);
                    ls.forEach(l -> b.append(' ').append(l).append(" |"));
                    b.append("\n|---|").append("---|".repeat(ls.size())).append('\n');
                    a.get("byOption").fields().forEachRemaining(e -> {
                        b.append("| ").append(e.getKey()).append(" |");
                        ls.forEach(l -> b.append(' ').append(count(e.getValue().path(l).asLong())).append(" |"));
                        b.append('\n');
                    });
                }
            }
        } else {
            b.append("\nNo datasheet of the attributes is available.\n");
        }
        JsonNode perf = c.get("performance");
        b.append("\n## Performance\n\n").append(perf.get("note").asText()).append("\n\n| model | AUC (in-sample) |"
                + " Brier (in-sample) |\n|---|---|---|\n");
        perf.at("/inSample/auc").fields().forEachRemaining(e -> b.append("| ").append(e.getKey()).append(" | ")
                .append(num(e.getValue())).append(" | ").append(num(perf.at("/inSample/brier").path(e.getKey())))
                .append(" |\n"));
        JsonNode held = perf.get("heldOut");
        if (held.isObject()) {
            heldOutMarkdown(b, held);
        }
        b.append("\n## Protected attributes used as model inputs\n\n");
        if (c.get("protectedAttributesUsed").isEmpty()) {
            b.append("None.\n");
        }
        c.get("protectedAttributesUsed").forEach(p -> b.append("- **").append(p.get("attribute").asText())
                .append("**: ").append(md(p.get("justification").asText())).append('\n'));
        b.append("\n## Known limitations\n\n");
        c.get("limitations").forEach(l -> b.append("- ").append(l.asText()).append('\n'));
        b.append("\n## Files (SHA-256)\n\n");
        c.at("/hashes/files").fields().forEachRemaining(e -> b.append("- `").append(e.getKey()).append("` ")
                .append(e.getValue().asText()).append('\n'));
        return b.toString();
    }

    /** The held-out section: metrics per option and group (groups under SMALL_COUNT cases suppressed), then bins. */
    private static void heldOutMarkdown(StringBuilder b, JsonNode held) {
        String level = String.format(Locale.ROOT, "%.0f%%", 100 * held.get("confidence").asDouble());
        b.append("\n## Held-out performance\n\n").append(held.get("method").asText()).append(" Intervals: ")
                .append(level).append(" each, not simultaneous over groups or bins (among many, some miss by"
                        + " chance). Groups with fewer than ").append(SMALL_COUNT).append(" cases are shown as"
                + " <10 without figures.\n\n| model | group | cases | AUC (interval) | Brier (interval) |"
                + " observed − predicted (interval) |\n|---|---|---|---|---|---|\n");
        for (JsonNode x : held.get("metrics")) {
            long n = x.get("cases").asLong();
            b.append("| ").append(cell(x.get("option").asText())).append(" | ").append(cell(x.get("group").asText()))
                    .append(" | ").append(count(n)).append(" | ");
            if (n > 0 && n < SMALL_COUNT) {
                b.append("suppressed | suppressed | suppressed |\n");
                continue;
            }
            String aucText = x.get("auc").isNumber() ? interval(x.get("auc"), x.get("aucLower"), x.get("aucUpper"))
                    : "n/a" + (x.get("aucNote").asText().isEmpty() ? "" : " (" + cell(x.get("aucNote").asText()) + ")");
            JsonNode mp = x.get("meanPredicted");
            JsonNode or = x.get("observedRate");
            String cal = mp.isNumber() && or.isNumber() ? String.format(Locale.ROOT, "%+.3f (%s to %s)",
                    or.asDouble() - mp.asDouble(), signed(x.get("calibrationLower")),
                    signed(x.get("calibrationUpper"))) : "n/a";
            b.append(aucText).append(" | ").append(interval(x.get("brier"), x.get("brierLower"), x.get("brierUpper")))
                    .append(" | ").append(cal).append(" |\n");
        }
        b.append("\n## Held-out calibration\n\n").append(held.get("coverageNote").asText()).append("\n\n");
        for (JsonNode c : held.get("calibration")) {
            int tested = c.get("binsTested").asInt();
            b.append("- **").append(cell(c.get("option").asText())).append("**: ").append(c.get("binsCovering").asInt())
                    .append(" of ").append(tested).append(" tested bins cover their mean prediction")
                    .append(tested == 0 ? "" : String.format(Locale.ROOT, " (%.0f%%)",
                            100.0 * c.get("binsCovering").asInt() / tested)).append('\n');
        }
        b.append("\n| model | predicted | cases | mean predicted | observed (Wilson interval) | covers |\n"
                + "|---|---|---|---|---|---|\n");
        for (JsonNode c : held.get("calibration")) {
            for (JsonNode x : c.get("bins")) {
                long n = x.get("cases").asLong();
                b.append("| ").append(cell(c.get("option").asText())).append(" | ").append(String.format(Locale.ROOT,
                        "%.1f–%.1f", x.get("from").asDouble(), x.get("to").asDouble())).append(" | ").append(count(n))
                        .append(" | ");
                if (n < HeldOutCalibration.MIN_BIN_CASES) {
                    b.append("suppressed | suppressed | not tested |\n");
                } else {
                    boolean covers = x.get("lower").asDouble() <= x.get("meanPredicted").asDouble()
                            && x.get("meanPredicted").asDouble() <= x.get("upper").asDouble();
                    b.append(num(x.get("meanPredicted"))).append(" | ")
                            .append(interval(x.get("observedRate"), x.get("lower"), x.get("upper"))).append(" | ")
                            .append(covers ? "yes" : "**no**").append(" |\n");
                }
            }
        }
    }

    private static String interval(JsonNode v, JsonNode lo, JsonNode hi) {
        return v.isNumber() ? num(v) + " (" + num(lo) + " to " + num(hi) + ")" : "n/a";
    }

    private static String signed(JsonNode v) {
        return v.isNumber() ? String.format(Locale.ROOT, "%+.3f", v.asDouble()) : "n/a";
    }

    static String html(JsonNode c) {
        String md = markdown(c);
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
                + "<title>Model card ").append(esc(c.at("/model/modelVersion").asText().substring(0, 12)))
                .append("</title><style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2rem .5rem}</style>"
                        + "</head><body>\n");
        boolean inTable = false;
        boolean inList = false;
        for (String line : md.split("\n")) {
            if (!line.startsWith("- ") && inList) {
                b.append("</ul>\n");
                inList = false;
            }
            if (!line.startsWith("|") && inTable) {
                b.append("</table>\n");
                inTable = false;
            }
            if (line.startsWith("# ")) {
                b.append("<h1>").append(inline(line.substring(2))).append("</h1>\n");
            } else if (line.startsWith("## ")) {
                b.append("<h2>").append(inline(line.substring(3))).append("</h2>\n");
            } else if (line.startsWith("- ")) {
                if (!inList) {
                    b.append("<ul>\n");
                    inList = true;
                }
                b.append("<li>").append(inline(line.substring(2))).append("</li>\n");
            } else if (line.startsWith("|")) {
                if (line.startsWith("|---")) {
                    continue;
                }
                String tag = inTable ? "td" : "th";
                if (!inTable) {
                    b.append("<table>\n");
                    inTable = true;
                }
                b.append("<tr>");
                for (String cell : line.substring(1, line.length() - 1).split(" \\| ", -1)) {
                    b.append('<').append(tag).append('>').append(inline(cell.strip())).append("</").append(tag)
                            .append('>');
                }
                b.append("</tr>\n");
            } else if (!line.isBlank()) {
                b.append("<p>").append(inline(line)).append("</p>\n");
            }
        }
        if (inList) {
            b.append("</ul>\n");
        }
        if (inTable) {
            b.append("</table>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    /**
     * One line of the Markdown card as HTML: {@code **strong**} and {@code `code`} from fairpath's own text; what
     * {@link #md} escaped (backslash-escaped markers, the entities for &lt; &gt; &amp;) shown as the plain character;
     * everything else escaped by {@link #esc}.
     */
    private static String inline(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        boolean strong = false;
        boolean code = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                b.append(esc(String.valueOf(s.charAt(++i))));
            } else if (ch == '*' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                b.append(strong ? "</strong>" : "<strong>");
                strong = !strong;
                i++;
            } else if (ch == '`') {
                b.append(code ? "</code>" : "<code>");
                code = !code;
            } else if (ch == '&' && (s.startsWith("&lt;", i) || s.startsWith("&gt;", i) || s.startsWith("&amp;", i))) {
                b.append('&'); // an entity md() wrote: already HTML
            } else {
                b.append(esc(String.valueOf(ch)));
            }
        }
        if (code) {
            b.append("</code>");
        }
        if (strong) {
            b.append("</strong>");
        }
        return b.toString();
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    /** A table cell: no pipes or line breaks, no Markdown markers that would change the layout, no raw HTML. */
    private static String cell(String s) {
        return md(s.replace("|", "/"));
    }

    /**
     * The deployer's text in Markdown, escaped as {@link #esc} escapes it for HTML: markup characters become entities
     * (a Markdown renderer passes raw HTML through) and Markdown's own markers are backslash-escaped, so the text
     * reads as written and cannot add links, images, emphasis or layout; line breaks become spaces.
     */
    static String md(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\n', '\r' -> b.append(' ');
                case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '|', '!', '~' -> b.append('\\').append(ch);
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    private static String count(long n) {
        return n > 0 && n < SMALL_COUNT ? "<10" : Long.toString(n);
    }

    private static String rate(JsonNode r) {
        return r.isNull() ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * r.asDouble());
    }

    private static String num(JsonNode v) {
        return v.isNumber() ? String.format(Locale.ROOT, "%.3f", v.asDouble()) : "n/a";
    }

    private static String join(JsonNode a) {
        List<String> l = new ArrayList<>();
        a.forEach(x -> l.add(x.asText()));
        return String.join(", ", l);
    }

    private static String values(JsonNode a) {
        JsonNode counts = a.get("counts");
        if (a.get("type").asText().equals("numeric")) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Iterator<String> it = counts.fieldNames(); it.hasNext(); ) {
                double v = Double.parseDouble(it.next());
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            return counts.size() == 0 ? "none known" : String.format(Locale.ROOT, "%s distinct, from %s to %s",
                    counts.size(), fmt(min), fmt(max))
                    + (a.get("approximate").asBoolean() ? " (quantiles)" : "");
        }
        List<String> l = new ArrayList<>();
        counts.fields().forEachRemaining(e -> l.add(e.getKey() + " (" + count(e.getValue().asLong()) + ")"));
        return String.join(", ", l);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
