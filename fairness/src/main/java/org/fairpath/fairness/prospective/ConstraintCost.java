package org.fairpath.fairness.prospective;

import org.fairpath.fairness.stats.Interval;

/**
 * What a constraint costs (or gains) a group in expected employment: the rate under the policy without it minus the
 * rate under the policy with it, as a proportion (multiply by 100 for points). Positive: the constraint lowers the
 * group's expected employment.
 *
 * @param constraint the constraint, e.g. {@code "capacity"} or {@code "group constraints"}
 * @param from       the policy without it
 * @param to         the policy with it
 * @param grouping   as in {@link PolicyEstimate}
 * @param group      as in {@link PolicyEstimate}
 * @param jobseekers the group's size
 * @param estimate   the estimated cost (paired difference); NaN when suppressed
 * @param interval   its interval (undefined without observed outcomes)
 * @param trueValue  the true cost on a synthetic caseload; NaN otherwise
 */
public record ConstraintCost(String constraint, String from, String to, String grouping, String group,
                             int jobseekers, double estimate, Interval interval, double trueValue) {
}
