/**
 * Seeded synthetic PES caseloads with ground truth: correlated jobseeker attributes, a biased historical assignment
 * of services, and the true outcome probability and potential outcome under every service. Later stages train on the
 * observed part and are scored against the truth.
 */
package org.fairpath.core.synth;
