package org.fairpath.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairpath.core.allocation.AllocationResult;
import org.fairpath.core.allocation.AllocationSettings;
import org.fairpath.core.allocation.Allocator;
import org.fairpath.core.allocation.Cohort;
import org.fairpath.core.allocation.GroupConstraint;
import org.fairpath.core.allocation.Objective;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.Recommender;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.SyntheticCase;
import org.fairpath.fairness.prospective.Observed;
import org.fairpath.fairness.prospective.ProspectiveReport;

/**
 * The demo's allocation step: the held-out cohort's places, as many per service as it used historically, allocated
 * with and without a 12-point gap constraint on citizenship; the prospective report with the true values beside the
 * doubly robust estimates (the caseload is synthetic) goes to allocation.html and allocation.json, and the run to
 * the decision log.
 */
final class DemoAllocation {

    static final GroupConstraint CONSTRAINT = new GroupConstraint.EmploymentGap("citizenship_group", 0.12);

    private DemoAllocation() {
    }

    static void run(CaseloadGenerator gen, Recommender recommender, List<SyntheticCase> heldOut, Path outDir,
                    PrintStream out) throws IOException {
        List<Recommendation> recs = new ArrayList<>(heldOut.size());
        heldOut.forEach(c -> recs.add(recommender.recommend(c.profile())));
        Cohort cohort = Cohort.of(recs, heldOut.stream().map(SyntheticCase::profile).toList(), gen.catalogue().ids(),
                List.of("gender", "citizenship_group"));
        int n = heldOut.size();
        int arms = gen.arms().size();
        int[] received = new int[n];
        boolean[] employed = new boolean[n];
        double[] propensity = new double[n];
        double[][] truth = new double[n][arms];
        long[] used = new long[arms];
        for (int i = 0; i < n; i++) {
            SyntheticCase c = heldOut.get(i);
            received[i] = c.assignedArm();
            employed[i] = c.outcome();
            propensity[i] = c.propensity(c.assignedArm());
            used[c.assignedArm()]++;
            for (int a = 0; a < arms; a++) {
                truth[i][a] = c.trueProbability(a);
            }
        }
        Map<String, Long> caps = new LinkedHashMap<>();
        for (int s = 1; s < arms; s++) {
            caps.put(gen.arms().get(s), used[s]);
        }
        // the cohort's profiles, for 'fairpath allocate --cohort'
        StringBuilder jsonl = new StringBuilder();
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (SyntheticCase c : heldOut) {
            jsonl.append(mapper.readTree(c.profile().toJson()).toString()).append('\n');
        }
        java.nio.file.Files.writeString(outDir.resolve("cohort.jsonl"), jsonl, java.nio.charset.StandardCharsets.UTF_8);
        AllocationSettings settings = new AllocationSettings(caps, Objective.uplift(), List.of(CONSTRAINT));
        AllocationResult result;
        try {
            result = Allocator.allocate(cohort, settings);
        } catch (IllegalArgumentException e) {
            out.println("Allocation with " + CONSTRAINT + " is not possible on this cohort: " + e.getMessage());
            result = Allocator.allocate(cohort, settings.withoutConstraints());
        }
        ProspectiveReport report = ProspectiveReport.of(result, new Observed(received, employed, propensity), truth,
                ProspectiveReport.Settings.withDefaults());
        out.println("Allocation: the same number of places per service as this cohort used historically.");
        Allocations.summary(result, report, out);
        Allocations.write(outDir.resolve("allocation.html"), true, result, recs, report);
        Allocations.write(outDir.resolve("allocation.json"), true, result, recs, report);
        try (DecisionLog log = DecisionLog.open(outDir.resolve("decisions.jsonl"), DecisionLog.Durability.FSYNC_EACH)) {
            result.appendTo(log);
        }
        out.println("  wrote allocation.html, allocation.json and the cohort's profiles, cohort.jsonl; the run is an"
                + " ALLOCATION record in decisions.jsonl");
        out.println();
    }
}
