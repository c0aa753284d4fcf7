package org.fairpath.core;

/**
 * Whether a jobseeker may be offered a service, and why, in words a counsellor can check against the rules.
 *
 * @param serviceId the service
 * @param eligible  whether every eligibility rule is met
 * @param reason    for an eligible jobseeker the rule that is met ("open to everyone" when the service has none);
 *                  otherwise each unmet condition with the jobseeker's value, e.g.
 *                  {@code months unemployed is 3 (needs >= 6)}
 */
public record Eligibility(String serviceId, boolean eligible, String reason) {
}
