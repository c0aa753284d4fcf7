package org.fairpath.fairness.monitor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.log.LogRecord;
import org.fairpath.fairness.audit.Audit;
import org.fairpath.fairness.audit.Finding;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.input.Outcomes;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.Interval;
import org.fairpath.fairness.stats.Intervals;

/**
 * The monitor once outcomes arrive: observed outcomes joined to the logged decisions, then per time window (by the
 * decision's time) calibration — the mean predicted chance of the option the counsellor chose against the observed
 * rate, overall and per group — and the audit's disparities by protected group ({@link Audit}, the same engine as
 * {@code fairpath audit}: selection-rate ratio, opportunity gap, odds gap, with referral to a service as the
 * favourable decision and employment as the favourable outcome).
 *
 * <p>The join is strict ({@link #join}): an outcome for a jobseeker without a decision, for a jobseeker with several
 * decisions in force, or observed before its decision is an error naming the line; nothing is guessed. Decisions
 * that cannot be checked are counted, not dropped silently: taken with another model version or in the manual
 * workflow, reversed (a reversal carries no prediction), or a chosen option without a logged prediction.
 *
 * <p>Decision-based figures (the audit's selection rate and its ratio) use every decision of the monitored version
 * in force in the window, outcome known or not (an unknown outcome stays unknown, as in {@code fairpath audit});
 * outcome-based figures (calibration, opportunity and odds gaps) use the decisions with a checked outcome. Outcomes
 * often arrive only for the people referred; judging referral rates on those alone would hide a cut in referrals.
 */
public final class OutcomeMonitor {

    /** Reasons a decision with an outcome is not checked (keys of {@link Joined#excluded}). */
    public static final String OTHER_VERSION = "taken with another model version or in the manual workflow";
    public static final String REVERSED = "reversed (a reversal carries no prediction)";
    public static final String NO_PREDICTION = "the chosen option has no logged prediction";

    private OutcomeMonitor() {
    }

    /**
     * One monitored decision, with its outcome when one was joined.
     *
     * @param decided   when the decision was logged
     * @param groups    the protected attributes the log recorded (String, Boolean, Number, or null when unknown)
     * @param predicted the predicted chance of employment with the option chosen ({@code pWith} of the chosen
     *                  service, {@code pWithout} when no service was chosen); NaN allowed only without an outcome
     * @param referred  whether a service was chosen (the audit's favourable decision)
     * @param employed  the observed outcome, or null when none was joined (unknown, never counted as 0)
     */
    public record Case(Instant decided, Map<String, Object> groups, double predicted, boolean referred,
                       Boolean employed) {
        public Case {
            groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
            if (!(predicted >= 0 && predicted <= 1) && !(employed == null && Double.isNaN(predicted))) {
                throw new IllegalArgumentException("predicted is " + predicted + "; allowed: a probability (NaN"
                        + " only for a decision without an outcome)");
            }
        }

        /** Whether an outcome was joined to this decision. */
        public boolean hasOutcome() {
            return employed != null;
        }
    }

    /**
     * The outcomes joined to the log.
     *
     * @param cases    every decision of the monitored version in force, with its outcome where one was joined
     * @param outcomes outcomes read
     * @param excluded outcomes whose decision cannot be checked, by reason
     */
    public record Joined(List<Case> cases, int outcomes, Map<String, Long> excluded) {
        public Joined {
            cases = List.copyOf(cases);
            excluded = Collections.unmodifiableMap(new TreeMap<>(excluded));
        }

        /** The number of decisions with a joined outcome. */
        public int joined() {
            return (int) cases.stream().filter(Case::hasOutcome).count();
        }
    }

    /**
     * Joins {@code outcomes} to the decisions in the log at {@code file} taken with {@code modelVersion}.
     *
     * @throws IllegalArgumentException if the log does not verify, or an outcome has no decision, several decisions
     *                                  in force, or was observed before its decision (naming the outcomes file's
     *                                  line and the log records)
     */
    public static Joined join(Path file, String modelVersion, Outcomes outcomes) throws IOException {
        var v = DecisionLog.verify(file);
        if (!v.intact()) {
            throw new IllegalArgumentException("decision log " + file + " does not verify: " + v.problem());
        }
        return join(DecisionLog.read(file), modelVersion, outcomes, LocalDate.now(ZoneOffset.UTC));
    }

    /** The longest jobseeker id accepted in an outcomes file (longer ones are echoed shortened). */
    static final int MAX_ID = 256;

    /**
     * Refuses an outcomes file with no outcome, a line inside it that holds no row (blank, or a quoted field spanning
     * lines), an id over {@link #MAX_ID} characters, or an outcome observed after {@code today} (UTC).
     */
    private static void checkRows(Outcomes outcomes, LocalDate today) {
        if (outcomes.rows().isEmpty()) {
            throw new IllegalArgumentException("outcomes file " + outcomes.file() + " holds no outcomes (a header"
                    + " only)");
        }
        int expected = 2;
        for (Outcomes.Row o : outcomes.rows()) {
            String at = "outcomes file " + outcomes.file() + " line ";
            if (o.line() != expected) {
                throw new IllegalArgumentException(at + expected + " holds no outcome row (a blank line, or a quoted"
                        + " field spanning lines); every line after the header must be one outcome");
            }
            expected++;
            if (o.jobseeker().length() > MAX_ID) {
                throw new IllegalArgumentException(at + o.line() + ": jobseeker '" + o.jobseeker().substring(0, 40)
                        + "…' is " + o.jobseeker().length() + " characters long; allowed: at most " + MAX_ID);
            }
            if (o.observed().isAfter(today)) {
                throw new IllegalArgumentException(at + o.line() + ": jobseeker '" + o.jobseeker() + "': outcome"
                        + " observed " + o.observed() + ", after today (" + today + ", UTC); an outcome cannot be"
                        + " observed in the future");
            }
        }
    }

    static Joined join(List<LogRecord> records, String modelVersion, Outcomes outcomes, LocalDate today) {
        checkRows(outcomes, today);
        Map<String, List<LogRecord>> byJobseeker = new HashMap<>();
        Set<Long> reversed = new HashSet<>();
        for (LogRecord r : records) {
            if (!r.type().equals("DECISION") && !r.type().equals("REVERSAL")) {
                continue;
            }
            byJobseeker.computeIfAbsent(String.valueOf(r.body().get("jobseeker")), k -> new ArrayList<>()).add(r);
            if (r.body().get("reverses") instanceof Number n) {
                reversed.add(n.longValue());
            }
        }
        // every monitored decision in force, in log order; outcomes are set on them below
        Map<Long, Integer> index = new HashMap<>();
        List<Case> cases = new ArrayList<>();
        for (LogRecord r : records) {
            if (r.type().equals("DECISION") && !reversed.contains(r.sequence())
                    && modelVersion.equals(r.body().get("modelVersion"))) {
                index.put(r.sequence(), cases.size());
                cases.add(new Case(r.time(), groups(r), predicted(r), referred(r), null));
            }
        }
        Map<String, Long> excluded = new TreeMap<>();
        for (Outcomes.Row o : outcomes.rows()) {
            String at = "outcomes file " + outcomes.file() + " line " + o.line() + ": jobseeker '" + o.jobseeker()
                    + "'";
            List<LogRecord> all = byJobseeker.getOrDefault(o.jobseeker(), List.of());
            if (all.isEmpty()) {
                throw new IllegalArgumentException(at + " has no decision in the log; an outcome must belong to a"
                        + " logged decision");
            }
            List<LogRecord> inForce = all.stream().filter(r -> !reversed.contains(r.sequence())).toList();
            if (inForce.size() != 1) {
                throw new IllegalArgumentException(at + " has " + inForce.size() + " decisions in force (records "
                        + inForce.stream().map(LogRecord::sequence).toList() + "); the outcome cannot be tied to one");
            }
            LogRecord d = inForce.get(0);
            LocalDate decided = LocalDate.ofInstant(d.time(), ZoneOffset.UTC);
            if (o.observed().isBefore(decided)) {
                throw new IllegalArgumentException(at + ": outcome observed " + o.observed() + ", before its decision"
                        + " (record " + d.sequence() + ", " + decided + ")");
            }
            if (d.type().equals("REVERSAL")) {
                excluded.merge(REVERSED, 1L, Long::sum);
                continue;
            }
            if (!modelVersion.equals(d.body().get("modelVersion"))) {
                excluded.merge(OTHER_VERSION, 1L, Long::sum);
                continue;
            }
            Case c = cases.get(index.get(d.sequence()));
            if (!(c.predicted() >= 0 && c.predicted() <= 1)) {
                excluded.merge(NO_PREDICTION, 1L, Long::sum);
                continue;
            }
            cases.set(index.get(d.sequence()), new Case(c.decided(), c.groups(), c.predicted(), c.referred(),
                    o.employed()));
        }
        return new Joined(cases, outcomes.rows().size(), excluded);
    }

    private static double predicted(LogRecord d) {
        Object fin = d.body().get("finalService");
        double p = Double.NaN;
        if (fin == null || ServiceCatalogue.BASELINE.equals(fin)) {
            if (d.body().get("pWithout") instanceof Number n) {
                p = n.doubleValue();
            }
        } else if (d.body().get("suggestions") instanceof List<?> l) {
            for (Object s : l) {
                if (s instanceof Map<?, ?> m && fin.equals(m.get("service")) && m.get("pWith") instanceof Number n) {
                    p = n.doubleValue();
                }
            }
        }
        return p >= 0 && p <= 1 ? p : Double.NaN;
    }

    private static boolean referred(LogRecord d) {
        Object fin = d.body().get("finalService");
        return fin != null && !ServiceCatalogue.BASELINE.equals(fin);
    }

    private static Map<String, Object> groups(LogRecord d) {
        Map<String, Object> groups = new LinkedHashMap<>();
        if (d.body().get("audit") instanceof Map<?, ?> audit) {
            audit.forEach((k, val) -> {
                if (!"auditOnly".equals(k)) {
                    groups.put((String) k, val);
                }
            });
        }
        return groups;
    }

    /**
     * Checks {@code cases} window by window under {@code policy} (its window, {@code minCases} and
     * {@link MonitorPolicy#outcomes()}). Attributes with a numeric value are not grouped (no bands are defined for
     * them here) and are named in the report.
     */
    public static OutcomeReport run(Joined joined, MonitorPolicy policy) {
        OutcomePolicy op = policy.outcomes();
        List<Case> banded = banded(joined.cases(), op.bands());
        Set<String> seen = new LinkedHashSet<>();
        Set<String> numeric = new LinkedHashSet<>();
        for (Case c : banded) {
            c.groups().forEach((k, val) -> {
                seen.add(k);
                if (val instanceof Number) {
                    numeric.add(k);
                }
            });
        }
        List<String> grouped = seen.stream().filter(a -> !numeric.contains(a)).toList();
        long step = policy.window().getSeconds();
        TreeMap<Long, List<Case>> windows = new TreeMap<>();
        for (Case c : banded) {
            windows.computeIfAbsent(Math.floorDiv(c.decided().getEpochSecond(), step), k -> new ArrayList<>()).add(c);
        }
        List<OutcomeReport.Window> out = new ArrayList<>();
        for (Map.Entry<Long, List<Case>> e : windows.entrySet()) {
            Instant start = Instant.ofEpochSecond(e.getKey() * step);
            Instant end = start.plus(Duration.ofSeconds(step));
            List<Case> w = e.getValue();
            int withOutcome = (int) w.stream().filter(Case::hasOutcome).count();
            if (withOutcome == 0) {
                continue; // nothing observed yet for this window's decisions
            }
            if (w.size() < policy.minCases()) {
                out.add(new OutcomeReport.Window(start, end, w.size(), withOutcome, false, 0, Double.NaN, 0,
                        List.of(), List.of()));
                continue;
            }
            out.add(window(start, end, w, grouped, op));
        }
        return new OutcomeReport(policy, joined.outcomes(), joined.joined(), joined.excluded(), grouped,
                List.copyOf(numeric), out);
    }

    /**
     * The cases with every banded attribute's value replaced by its band label (unknown values stay unknown).
     *
     * @throws IllegalArgumentException if a band names an attribute no case records, or a value that is not a number
     */
    private static List<Case> banded(List<Case> cases, Map<String, List<Double>> bands) {
        if (bands.isEmpty()) {
            return cases;
        }
        Set<String> recorded = new java.util.TreeSet<>();
        cases.stream().filter(Case::hasOutcome).forEach(c -> recorded.addAll(c.groups().keySet()));
        Map<String, String[]> labels = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> b : bands.entrySet()) {
            if (!recorded.contains(b.getKey())) {
                throw new IllegalArgumentException("outcomes.bands names '" + b.getKey() + "', which no decision with"
                        + " an outcome records; recorded: " + recorded);
            }
            String[] values = new String[cases.size()];
            for (int i = 0; i < values.length; i++) {
                Object v = cases.get(i).groups().get(b.getKey());
                values[i] = v == null ? null : v.toString();
            }
            double[] cuts = b.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            try {
                labels.put(b.getKey(), org.fairpath.fairness.input.Bands.of(values, cuts));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("outcomes.bands." + b.getKey() + ": " + e.getMessage());
            }
        }
        List<Case> out = new ArrayList<>(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Map<String, Object> g = new LinkedHashMap<>(c.groups());
            for (Map.Entry<String, String[]> l : labels.entrySet()) {
                String label = l.getValue()[i];
                g.put(l.getKey(), label == null || label.isEmpty() ? null : label);
            }
            out.add(new Case(c.decided(), g, c.predicted(), c.referred(), c.employed()));
        }
        return out;
    }

    private static OutcomeReport.Window window(Instant start, Instant end, List<Case> w, List<String> grouped,
                                               OutcomePolicy op) {
        // the calibration groups (decisions with an outcome): everyone, then every level of every grouped
        // attribute, small groups suppressed
        List<Case> observed = w.stream().filter(Case::hasOutcome).toList();
        Map<String, List<Case>> groups = new LinkedHashMap<>();
        groups.put("all", observed);
        for (String a : grouped) {
            Map<String, List<Case>> levels = new TreeMap<>();
            for (Case c : observed) {
                Object v = c.groups().get(a);
                levels.computeIfAbsent(a + "=" + (v == null ? AuditData.MISSING : v.toString()),
                        k -> new ArrayList<>()).add(c);
            }
            groups.putAll(levels);
        }
        long reported = groups.values().stream().filter(g -> g.size() >= op.minGroupSize()).count();
        int checks = (int) reported + 3 * grouped.size();
        // no check at all (every group suppressed, no grouped attribute): nothing to test at any confidence
        double confidence = checks == 0 ? Double.NaN : 1 - op.alpha() / checks;
        List<OutcomeReport.Calibration> calibration = new ArrayList<>();
        for (Map.Entry<String, List<Case>> g : groups.entrySet()) {
            List<Case> cs = g.getValue();
            if (cs.size() < op.minGroupSize()) {
                calibration.add(new OutcomeReport.Calibration(g.getKey(), cs.size(), 0, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, true, false));
                continue;
            }
            long positives = cs.stream().filter(Case::employed).count();
            double mean = cs.stream().mapToDouble(Case::predicted).sum() / cs.size();
            Interval wi = Intervals.wilson(positives, cs.size(), confidence);
            double lower = wi.lower() - mean;
            double upper = wi.upper() - mean;
            boolean alert = lower > op.calibrationTolerance() || upper < -op.calibrationTolerance();
            calibration.add(new OutcomeReport.Calibration(g.getKey(), cs.size(), (int) positives, mean,
                    (double) positives / cs.size(), lower, upper, false, alert));
        }
        List<Finding> findings = List.of();
        int suppressed = (int) calibration.stream().filter(OutcomeReport.Calibration::suppressed).count();
        if (!grouped.isEmpty()) {
            AuditData.Builder b = AuditData.builder();
            for (String a : grouped) {
                String[] values = new String[w.size()];
                for (int i = 0; i < values.length; i++) {
                    Object v = w.get(i).groups().get(a);
                    values[i] = v == null ? null : v.toString();
                }
                b.group(a, values);
            }
            boolean[] referred = new boolean[w.size()];
            Boolean[] employed = new Boolean[w.size()];
            for (int i = 0; i < referred.length; i++) {
                referred[i] = w.get(i).referred();
                employed[i] = w.get(i).employed();
            }
            AuditData data = b.decisions(referred).outcomes(employed).build();
            AuditSettings settings = AuditSettings.withDefaults().withConfidence(confidence)
                    .withMinGroupSize(op.minGroupSize());
            Audit audit = Audit.run(AuditCounts.of(data, 1), settings, op.audit());
            findings = audit.findings();
            suppressed += audit.suppressedCount();
        }
        return new OutcomeReport.Window(start, end, w.size(), observed.size(), true, checks, confidence, suppressed,
                calibration, findings);
    }
}
