package org.fairpath.fairness.stats;

/**
 * The counts of one group, enough for every {@link Metric}.
 *
 * @param n        cases with a decision
 * @param selected cases given the favourable decision
 * @param tp       favourable decision, favourable true outcome
 * @param fp       favourable decision, unfavourable true outcome
 * @param tn       unfavourable decision, unfavourable true outcome
 * @param fn       unfavourable decision, favourable true outcome (cases without a known outcome count in
 *                 {@code n} and {@code selected} only)
 */
public record GroupCounts(long n, long selected, long tp, long fp, long tn, long fn) {

    public static final GroupCounts EMPTY = new GroupCounts(0, 0, 0, 0, 0, 0);

    public GroupCounts plus(GroupCounts o) {
        return new GroupCounts(n + o.n, selected + o.selected, tp + o.tp, fp + o.fp, tn + o.tn, fn + o.fn);
    }

    /** The metric's value: NaN when its denominator is 0. */
    public double value(Metric m) {
        long d = m.denominator(this);
        return d == 0 ? Double.NaN : (double) m.numerator(this) / d;
    }
}
