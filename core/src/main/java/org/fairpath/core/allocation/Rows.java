package org.fairpath.core.allocation;

/**
 * One linear group-constraint row {@code sum a(i, s) x(i, s) <= b} over the allocation, in the jobseekers' internal
 * order. Share rows touch one option; gap rows weight each option by its expected employment uplift.
 */
final class Rows {

    enum Kind { SHARE_UPPER, SHARE_LOWER, GAP }

    final Kind kind;
    final GroupConstraint source;
    final int[] groupOf;
    final String[] groupLabels;
    final int g;
    final int h; // GAP only
    final int option; // SHARE only: option index (1-based service)
    final double inG;
    final double outG; // SHARE: coefficient of a member / non-member at the option; GAP: cg = inG, ch = outG
    final double b;
    /** What one unit of this row is in its natural scale (for reporting): rows are scaled to comparable sizes. */
    final double scale;
    final double[] uplift; // n * m, GAP only

    Rows(Kind kind, GroupConstraint source, int[] groupOf, String[] groupLabels, int g, int h, int option, double inG,
         double outG, double b, double scale, double[] uplift) {
        this.kind = kind;
        this.source = source;
        this.groupOf = groupOf;
        this.groupLabels = groupLabels;
        this.g = g;
        this.h = h;
        this.option = option;
        this.inG = inG;
        this.outG = outG;
        this.b = b;
        this.scale = scale;
        this.uplift = uplift;
    }

    /** The coefficient of jobseeker {@code i} at option {@code s} ({@code m} options per jobseeker). */
    double a(int i, int s, int m) {
        if (kind == Kind.GAP) {
            if (s == 0) {
                return 0;
            }
            int gi = groupOf[i];
            double c = gi == g ? inG : gi == h ? outG : 0;
            return c == 0 ? 0 : c * uplift[i * m + s];
        }
        if (s != option) {
            return 0;
        }
        return groupOf[i] == g ? inG : outG;
    }

    /** {@code sum a x - b} for an assignment. */
    double slack(int[] assign, int m) {
        double v = 0;
        for (int i = 0; i < assign.length; i++) {
            v += a(i, assign[i], m);
        }
        return v - b;
    }
}
