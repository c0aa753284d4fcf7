/**
 * Capacity-aware allocation of programme places: for a cohort of jobseekers with estimated chances of employment
 * with and without each service, at most one service each so that the expected gain is largest within the places
 * available, the eligibility rules and optional group constraints. The results are still suggestions for a
 * counsellor ({@link org.fairpath.core.allocation.Placement}), and every run is a record in the decision log.
 */
package org.fairpath.core.allocation;
