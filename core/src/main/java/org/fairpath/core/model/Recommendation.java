package org.fairpath.core.model;

import java.util.List;
import java.util.Locale;
import org.fairpath.core.Eligibility;

/**
 * Suggestions for one jobseeker, awaiting a counsellor's review. It is never a decision: nothing in it refers anyone
 * to a service.
 *
 * @param jobseekerId     the pseudonym
 * @param status          always {@link Status#AWAITING_REVIEW} when returned by a recommender
 * @param modelVersion    content hash of the models used
 * @param fairpathVersion library version
 * @param pWithout        P(employed within the horizon | no programme); NaN when the models have no outcome models
 *                        (a profiling-only deployment: {@link #hasOutcomeModels()} is false)
 * @param pWithoutLower   lower interval bound of {@code pWithout} (NaN without bags or without outcome models)
 * @param pWithoutUpper   upper interval bound of {@code pWithout} (NaN without bags or without outcome models)
 * @param confidence      level of the intervals
 * @param suggestions     eligible services ranked by uplift, largest first
 * @param notEligible     services left out, each with the reason
 * @param profiling       chance of long-term unemployment, with interval and segment
 * @param flags           missing or out-of-distribution inputs that make this less certain
 */
public record Recommendation(String jobseekerId, Status status, String modelVersion, String fairpathVersion,
                             double pWithout, double pWithoutLower, double pWithoutUpper, double confidence,
                             List<ServiceSuggestion> suggestions, List<Eligibility> notEligible,
                             ProfilingScore profiling, List<DataFlag> flags) {

    /** Where a recommendation stands. Only a counsellor's review moves it on. */
    public enum Status {
        /** Produced by the models; no counsellor has looked at it yet. */
        AWAITING_REVIEW
    }

    public Recommendation {
        if (Double.isNaN(pWithout) && !suggestions.isEmpty()) {
            throw new IllegalArgumentException("recommendation for '" + jobseekerId + "': pWithout is NaN (no outcome"
                    + " models) but there are " + suggestions.size() + " suggestions; an uplift needs P(without)");
        }
        suggestions = List.copyOf(suggestions);
        notEligible = List.copyOf(notEligible);
        flags = List.copyOf(flags);
    }

    /**
     * Whether P(without) was estimated: false for a profiling-only deployment without outcome models, whose
     * recommendations hold the profiling score only ({@code pWithout} is then NaN and there are no suggestions).
     */
    public boolean hasOutcomeModels() {
        return !Double.isNaN(pWithout);
    }

    /** Whether missing or unusual inputs make these numbers less reliable (see {@link #flags()}). */
    public boolean hasCaveats() {
        return !flags.isEmpty();
    }

    /** A plain-text rendering for logs and the command line. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Suggestions for %s (model %s, awaiting review)%n", jobseekerId,
                modelVersion.substring(0, 12)));
        if (hasOutcomeModels()) {
            sb.append(String.format(Locale.ROOT, "  without a programme: %s%n", pct(pWithout, pWithoutLower,
                    pWithoutUpper)));
        } else {
            sb.append(String.format(Locale.ROOT, "  no service suggestions: a profiling-only deployment (no outcome"
                    + " models)%n"));
        }
        for (ServiceSuggestion s : suggestions) {
            sb.append(String.format(Locale.ROOT, "  %d. %-24s with it: %s; uplift %+.1f pp %s%s%n",
                    s.rank(), s.serviceId(), pct(s.pWith(), s.pWithLower(), s.pWithUpper()), 100 * s.uplift(),
                    s.hasInterval() ? String.format(Locale.ROOT, "(%+.1f to %+.1f)", 100 * s.upliftLower(),
                            100 * s.upliftUpper()) : "(no interval: trained without bags)",
                    s.uncertain() ? "  [uncertain]" : ""));
        }
        for (Eligibility e : notEligible) {
            sb.append(String.format(Locale.ROOT, "  -  %-24s %s%n", e.serviceId(), e.reason()));
        }
        sb.append("  profiling: ").append(profiling.describe(confidence)).append(System.lineSeparator());
        for (DataFlag f : flags) {
            sb.append("  caution: ").append(f.message()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String pct(double p, double lo, double hi) {
        return Double.isNaN(lo) ? String.format(Locale.ROOT, "%.1f%%", 100 * p)
                : String.format(Locale.ROOT, "%.1f%% (%.1f-%.1f)", 100 * p, 100 * lo, 100 * hi);
    }
}
