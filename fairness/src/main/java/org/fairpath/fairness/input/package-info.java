/**
 * Reading audit input: decisions, outcomes, scores and group attributes from arrays, CSV, JSON Lines or a fairpath
 * decision log into one immutable columnar {@link org.fairpath.fairness.input.AuditData}, with numeric attributes
 * turned into bands; or, for large files, straight into counts ({@link org.fairpath.fairness.input.AuditReader}, memory
 * independent of the number of rows, same rules and results). Input that cannot be interpreted with certainty is
 * refused here, before anything is reported.
 */
package org.fairpath.fairness.input;
