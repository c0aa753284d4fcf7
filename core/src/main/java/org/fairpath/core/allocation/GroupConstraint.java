package org.fairpath.core.allocation;

import java.util.Locale;

/**
 * A constraint on how an allocation treats groups of jobseekers, defined by one attribute of the cohort (see
 * {@link Cohort#groups()}). Group constraints use group membership, often a protected attribute, to shape who gets
 * a place: a deployment must have a legal basis and a written justification for that; every allocation run records
 * its constraints in the decision log.
 */
public sealed interface GroupConstraint {

    /** The attribute that defines the groups. */
    String attribute();

    /**
     * Every group's share of the places used in {@code service} stays within {@code maxDistance} of the group's
     * share of the jobseekers eligible for it: {@code |x_gs / X_s - e_gs / E_s| <= maxDistance}. Always satisfiable
     * (in the worst case by using fewer places); what that costs is reported.
     *
     * @param attribute   the grouping attribute
     * @param service     the service id
     * @param maxDistance the largest allowed distance between shares, from 0 to 1
     */
    record ServiceShare(String attribute, String service, double maxDistance) implements GroupConstraint {
        public ServiceShare {
            requireName("attribute", attribute);
            requireName("service", service);
            if (!(maxDistance >= 0 && maxDistance <= 1)) {
                throw new IllegalArgumentException("share constraint on " + service + ": maxDistance is "
                        + maxDistance + "; allowed: 0 to 1 (a share difference, e.g. 0.05 for 5 points)");
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "share:%s:%s:%s", attribute, service, maxDistance);
        }
    }

    /**
     * The expected employment rates of any two groups differ by at most {@code maxGap}.
     *
     * @param attribute the grouping attribute
     * @param maxGap    the largest allowed gap in expected employment rates, from 0 to 1
     */
    record EmploymentGap(String attribute, double maxGap) implements GroupConstraint {
        public EmploymentGap {
            requireName("attribute", attribute);
            if (!(maxGap >= 0 && maxGap <= 1)) {
                throw new IllegalArgumentException("gap constraint on " + attribute + ": maxGap is " + maxGap
                        + "; allowed: 0 to 1 (a difference of rates, e.g. 0.02 for 2 points)");
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "gap:%s:%s", attribute, maxGap);
        }
    }

    /**
     * {@code share:ATTRIBUTE:SERVICE:DISTANCE} or {@code gap:ATTRIBUTE:GAP}, e.g. {@code share:gender:wage_subsidy:0.05}.
     *
     * @throws IllegalArgumentException naming what is allowed
     */
    static GroupConstraint parse(String text) {
        String[] p = text == null ? new String[0] : text.split(":", -1);
        try {
            if (p.length == 4 && p[0].equals("share")) {
                return new ServiceShare(p[1], p[2], Double.parseDouble(p[3]));
            }
            if (p.length == 3 && p[0].equals("gap")) {
                return new EmploymentGap(p[1], Double.parseDouble(p[2]));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("constraint '" + text + "': the last part must be a number from 0 to 1");
        }
        throw new IllegalArgumentException("constraint '" + text + "' is not understood; allowed:"
                + " share:ATTRIBUTE:SERVICE:DISTANCE or gap:ATTRIBUTE:GAP, e.g. share:gender:wage_subsidy:0.05");
    }

    private static void requireName(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("group constraint: " + field + " is empty; name one");
        }
    }
}
