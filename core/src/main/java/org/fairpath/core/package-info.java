/**
 * The ground every other part stands on: the attribute {@link org.fairpath.core.Schema}, validated
 * {@link org.fairpath.core.JobseekerProfile}s, the {@link org.fairpath.core.FeatureEncoder} that turns them into model
 * inputs, and the {@link org.fairpath.core.ServiceCatalogue} with eligibility rules. Invalid input always raises one
 * {@link org.fairpath.core.ValidationException} listing every {@link org.fairpath.core.Problem}.
 */
package org.fairpath.core;
