/**
 * Audits that turn frames into findings: the whole audit under a policy, and the audits of selection policies,
 * service allocation, counsellor overrides and trends over time windows. Findings are ordered most serious first.
 */
package org.fairpath.fairness.audit;
