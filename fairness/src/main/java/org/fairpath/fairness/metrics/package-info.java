/**
 * Metric frames in the spirit of Fairlearn's MetricFrame: overall, by group, min/max, differences and ratios with
 * intervals and tests, against a reference group, for binary decisions and for scores; the named disparities; the
 * settings (confidence, suppression, reference, compatibility with another tool's conventions).
 */
package org.fairpath.fairness.metrics;
