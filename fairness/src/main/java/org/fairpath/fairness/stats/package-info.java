/**
 * Counts and statistics: one-pass, mergeable group counts ({@link org.fairpath.fairness.stats.AuditCounts}) and score
 * counts by group ({@link org.fairpath.fairness.stats.ScoreCounts}: exact AUC, Brier score and calibration), the
 * binary-decision metrics defined on them, estimates with confidence intervals, tests of equal proportions with
 * multiple-comparison correction, and the bootstrap. Undefined values are NaN with a reason, never 0.
 */
package org.fairpath.fairness.stats;
