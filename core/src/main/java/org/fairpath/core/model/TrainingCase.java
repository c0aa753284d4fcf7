package org.fairpath.core.model;

import java.util.Objects;
import org.fairpath.core.JobseekerProfile;

/**
 * One historical case to learn from: the jobseeker's profile when the service was chosen, the service received
 * ({@link org.fairpath.core.ServiceCatalogue#BASELINE} for none), and whether they were employed within the horizon.
 *
 * @param profile  the validated profile
 * @param service  the service received, or {@code no_programme}
 * @param employed the outcome
 */
public record TrainingCase(JobseekerProfile profile, String service, boolean employed) {

    public TrainingCase {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(service, "service");
    }
}
