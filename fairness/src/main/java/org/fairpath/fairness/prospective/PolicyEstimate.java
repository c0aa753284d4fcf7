package org.fairpath.fairness.prospective;

import org.fairpath.fairness.stats.Interval;

/**
 * One policy's expected employment rate for one group of jobseekers.
 *
 * @param policy     the policy's name
 * @param grouping   {@code "overall"}, an attribute, or attributes joined by {@code " x "}
 * @param group      the group's label ({@code "all"} overall; levels joined by {@code " x "} for intersections)
 * @param jobseekers the group's size
 * @param estimate   the estimated rate; NaN when suppressed
 * @param interval   its interval; undefined without observed outcomes or when suppressed
 * @param method     {@code "doubly robust"}, {@code "observed"} (the historical policy's own outcomes) or
 *                   {@code "model only"}
 * @param modelValue the outcome models' own estimate (NaN when suppressed)
 * @param trueValue  the true rate when the caseload is synthetic; NaN otherwise
 * @param undefined  why a value is missing (e.g. {@code "suppressed: fewer than 10 jobseekers"}), else empty
 */
public record PolicyEstimate(String policy, String grouping, String group, int jobseekers, double estimate,
                             Interval interval, String method, double modelValue, double trueValue,
                             String undefined) {
}
