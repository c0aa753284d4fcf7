package org.fairpath.examples;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import org.fairpath.core.Eligibility;
import org.fairpath.core.Fairpath;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;

/**
 * {@code fairpath demo}: generates a seeded synthetic caseload, validates every profile against the default schema,
 * and prints what the history holds: who received which service, the true effects, and the counsellor biases.
 */
final class DemoCommand implements Main.Command {

    static final long DEFAULT_CASES = 20_000;

    @Override
    public String summary() {
        return "generate a synthetic caseload, validate it, and summarise services, effects and bias";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Options o = Options.parse(args, Set.of("cases", "seed"));
        if (o.help()) {
            out.println("usage: fairpath demo [--cases N] [--seed S]");
            out.println("  --cases N  number of synthetic cases, 1 to 10000000 (default " + DEFAULT_CASES + ")");
            out.println("  --seed S   seed of the generator (default 42); the same seed gives the same caseload");
            return 0;
        }
        long cases = o.longValue("cases", DEFAULT_CASES, 1, 10_000_000);
        long seed = o.longValue("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults().withSeed(seed));

        long start = System.nanoTime();
        Progress progress = new Progress(err, cases);
        CaseloadSummary s = gen.stream(cases).parallel()
                .peek(c -> progress.tick())
                .collect(() -> new CaseloadSummary(gen.arms().size()), CaseloadSummary::add, CaseloadSummary::merge);
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.done();

        out.printf(Locale.ROOT, "fairpath %s - synthetic caseload demo%n%n", Fairpath.VERSION);
        out.printf(Locale.ROOT, "Generated %,d cases (seed %d) in %.1f s; every profile passed validation against"
                + " schema '%s' (%s).%n", s.n, seed, seconds, gen.schema().name(),
                gen.schema().fingerprint().substring(0, 12));
        out.printf(Locale.ROOT, "Employed within 12 months (observed): %.1f%%%n%n", 100.0 * s.employed / s.n);

        out.printf(Locale.ROOT, "%-24s %9s %9s %10s %13s%n", "option", "eligible", "received", "employed",
                "true uplift");
        for (int a = 0; a < gen.arms().size(); a++) {
            out.printf(Locale.ROOT, "%-24s %8.1f%% %8.1f%% %9.1f%% %13s%n", gen.arms().get(a),
                    100.0 * s.eligible[a] / s.n, 100.0 * s.received[a] / s.n,
                    s.received[a] == 0 ? Double.NaN : 100.0 * s.employedReceived[a] / s.received[a],
                    a == 0 ? "-" : String.format(Locale.ROOT, "%+.1f pp", 100.0 * s.upliftSum[a] / s.n));
        }
        out.println("  (employed: share of those who received the option; true uplift: mean over everyone of");
        out.println("   P(employed | option) - P(employed | no programme), known only because the data are synthetic)");
        out.println();
        out.println("Counsellor bias built into the history, as measured in it (share of eligible who received it):");
        out.printf(Locale.ROOT, "  vocational training:   women with care duties %.1f%%, everyone else %.1f%%%n",
                pct(s.trainingCare), pct(s.trainingOther));
        out.printf(Locale.ROOT, "  digital self-service:  aged 50+ %.1f%%, under 50 %.1f%%  (true uplift for 50+: %+.1f pp)%n",
                pct(s.selfServiceOlder), pct(s.selfServiceYounger),
                100.0 * s.olderSelfServiceUplift / Math.max(1, s.olderCount));
        out.printf(Locale.ROOT, "  language course:       non-EU citizens %.1f%%, others %.1f%%%n",
                pct(s.languageNonEu), pct(s.languageOther));
        out.println();
        out.printf(Locale.ROOT, "Mean true employment probability under a policy (higher is better):%n");
        out.printf(Locale.ROOT, "  no programme for anyone %.1f%%, historical assignment %.1f%%, best eligible option"
                + " for each (oracle) %.1f%%%n", 100 * s.noProgramme / s.n, 100 * s.historical / s.n,
                100 * s.oracle / s.n);
        out.println();
        SyntheticCase first = gen.generate(0L);
        out.println("Eligibility of " + first.profile().id() + " " + first.profile().values() + ":");
        for (Eligibility e : gen.catalogue().eligibility(first.profile())) {
            out.printf(Locale.ROOT, "  %-24s %s%n", e.serviceId(), e.reason());
        }
        return 0;
    }

    private static double pct(long[] receivedOfEligible) {
        return receivedOfEligible[1] == 0 ? Double.NaN : 100.0 * receivedOfEligible[0] / receivedOfEligible[1];
    }

    /** Percent lines on the error stream for long runs, so the output stays clean. */
    private static final class Progress {
        private final PrintStream err;
        private final long total;
        private final java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();

        Progress(PrintStream err, long total) {
            this.err = err;
            this.total = total;
        }

        void tick() {
            long d = done.incrementAndGet();
            if (total >= 1_000_000 && d % (total / 10) == 0) {
                err.printf(Locale.ROOT, "generating: %d%%%n", d * 100 / total);
            }
        }

        void done() {
        }
    }
}
