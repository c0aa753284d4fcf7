/**
 * Monitoring after go-live: input drift per attribute and time window against the training datasheet in a model
 * bundle's card (PSI, with a chi-square test for categories and a Kolmogorov-Smirnov test for numbers), alerts from
 * thresholds in a strict policy file, and counts for the host system in Prometheus' text format. It reads the decision
 * log through {@code DecisionLog}'s public API only and uses nothing else of the fairness module.
 */
package org.fairpath.fairness.monitor;
