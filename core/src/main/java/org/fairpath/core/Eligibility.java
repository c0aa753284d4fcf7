package org.fairpath.core;

/**
 * Whether a jobseeker may be offered a service, and why, in words a counsellor can check against the rules.
 *
 * @param serviceId the service
 * @param eligible  whether every eligibility rule is met
 * @param reason    "open to everyone" when the service has no rule; otherwise, prefixed "eligible: " or
 *                  "not eligible: ", the conditions that decide it with the jobseeker's values, e.g.
 *                  {@code not eligible: months unemployed is 3 (needs >= 6)}. For an "any" rule that is met, the
 *                  first condition met; for one that is not met, every condition.
 */
public record Eligibility(String serviceId, boolean eligible, String reason) {
}
