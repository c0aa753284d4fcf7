package org.fairpath.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairpath.core.allocation.AllocationResult;
import org.fairpath.core.allocation.Placement;
import org.fairpath.core.model.Recommendation;
import org.fairpath.fairness.prospective.PolicyEstimate;
import org.fairpath.fairness.prospective.ProspectiveReport;

/** Shared by {@code fairpath allocate} and the demo: the summary on the console and the HTML or JSON file. */
final class Allocations {

    private Allocations() {
    }

    /** Places per service against capacity, the objective and its LP bound, and any constraint missed. */
    static void summary(AllocationResult r, ProspectiveReport report, PrintStream out) {
        out.printf(Locale.ROOT, "Allocated %,d jobseekers (objective %s%s):%n", r.cohort().size(),
                r.settings().objective(), r.settings().constraints().isEmpty() ? ""
                        : "; constraints " + r.settings().constraints());
        Map<String, Long> caps = r.capacities();
        for (Map.Entry<String, Long> e : r.placesUsed().entrySet()) {
            long cap = caps.get(e.getKey());
            out.printf(Locale.ROOT, "  %-24s %,7d of %s places%n", e.getKey(), e.getValue(),
                    cap == Long.MAX_VALUE ? "unlimited" : String.format(Locale.ROOT, "%,d", cap));
        }
        out.printf(Locale.ROOT, "  objective %.3f; LP bound %.3f (whole places within %.3f of it)%n", r.objective(),
                r.bound(), r.gap());
        for (String p : report.policies()) {
            PolicyEstimate e = report.estimate(p, "overall", "all").orElseThrow();
            out.printf(Locale.ROOT, "  expected employment, %-26s %5.1f%%%s%s%n", p + ":", 100 * e.estimate(),
                    e.interval().isDefined() ? String.format(Locale.ROOT, " (%.1f-%.1f, %s)",
                            100 * e.interval().lower(), 100 * e.interval().upper(), e.method()) : " (" + e.method()
                            + ")", Double.isNaN(e.trueValue()) ? "" : String.format(Locale.ROOT, "; true %.1f%%",
                            100 * e.trueValue()));
        }
        for (AllocationResult.Violation v : r.violations()) {
            out.printf(Locale.ROOT, "  MISSED: %s for %s%s by %.3f%n", v.constraint(), v.group(),
                    v.service().isEmpty() ? "" : " in " + v.service(), v.excess());
        }
    }

    /**
     * Writes the report as HTML ({@code .html}) or as JSON ({@code .json}: the run record, every jobseeker's
     * placement and the report), failure-atomically; an existing file is replaced only with {@code overwrite}.
     */
    static void write(Path file, boolean overwrite, AllocationResult r, List<Recommendation> recommendations,
                      ProspectiveReport report) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".html")) {
            OutputPaths.writeString(file, overwrite, report.toHtml());
            return;
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("schemaVersion", 1);
        root.put("kind", "allocation");
        root.set("run", json.valueToTree(r.logBody()));
        ArrayNode placements = root.putArray("placements");
        for (Placement p : r.placements(recommendations)) {
            ObjectNode o = placements.addObject();
            o.put("jobseeker", p.recommendation().jobseekerId());
            o.put("allocated", p.allocated());
            o.put("unconstrainedBest", p.unconstrainedBest());
            o.put("reason", p.reason().label());
            o.put("status", p.recommendation().status().name());
        }
        root.set("report", json.readTree(report.toJson()));
        OutputPaths.writeString(file, overwrite, json.writeValueAsString(root));
    }
}
