/**
 * Bias audits of suggestions, selection policies and counsellor decisions: one-pass, mergeable group counts
 * ({@link org.fairpath.fairness.AuditCounts}), metric frames with intervals, tests and multiple-comparison correction
 * ({@link org.fairpath.fairness.MetricFrame}), findings under an audit policy, and a versioned JSON report. Undefined
 * values are NaN with a reason, never 0; small groups are suppressed.
 */
package org.fairpath.fairness;
