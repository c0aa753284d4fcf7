/**
 * Reading audit input: decisions, outcomes, scores and group attributes from arrays, CSV, JSON Lines or a fairpath
 * decision log into one immutable columnar {@link org.fairpath.fairness.input.AuditData}, with numeric attributes
 * turned into bands. Input that cannot be interpreted with certainty is refused here, before anything is counted.
 */
package org.fairpath.fairness.input;
