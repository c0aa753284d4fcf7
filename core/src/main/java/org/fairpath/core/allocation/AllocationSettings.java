package org.fairpath.core.allocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fairpath.core.Service;
import org.fairpath.core.ServiceCatalogue;

/**
 * How to allocate: places per service, the objective and any group constraints.
 *
 * <p>Immutable. A service without a stated capacity has unlimited places. Capacities naming a service the cohort
 * does not know are refused when allocating ({@link Allocator#allocate}), listing the known ones.
 *
 * @param capacities  places per service id, each 0 or more
 * @param objective   what to maximise
 * @param constraints group constraints, possibly none
 */
public record AllocationSettings(Map<String, Long> capacities, Objective objective,
                                 List<GroupConstraint> constraints) {

    public AllocationSettings {
        Map<String, Long> c = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : capacities.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("capacity of " + e.getKey() + " is " + e.getValue()
                        + "; allowed: a whole number of places, 0 or more");
            }
            c.put(e.getKey(), e.getValue());
        }
        capacities = java.util.Collections.unmodifiableMap(c);
        Objects.requireNonNull(objective, "objective");
        constraints = List.copyOf(constraints);
    }

    /** No capacities (every service unlimited), the uplift objective, no group constraints. */
    public static AllocationSettings withDefaults() {
        return new AllocationSettings(Map.of(), Objective.uplift(), List.of());
    }

    /** The capacities the catalogue states; its other services unlimited. */
    public static AllocationSettings fromCatalogue(ServiceCatalogue catalogue) {
        Map<String, Long> c = new LinkedHashMap<>();
        for (Service s : catalogue.services()) {
            s.capacity().ifPresent(v -> c.put(s.id(), (long) v));
        }
        return new AllocationSettings(c, Objective.uplift(), List.of());
    }

    public AllocationSettings withCapacity(String service, long places) {
        Map<String, Long> c = new LinkedHashMap<>(capacities);
        c.put(service, places);
        return new AllocationSettings(c, objective, constraints);
    }

    public AllocationSettings withCapacities(Map<String, Long> places) {
        Map<String, Long> c = new LinkedHashMap<>(capacities);
        c.putAll(places);
        return new AllocationSettings(c, objective, constraints);
    }

    public AllocationSettings withObjective(Objective objective) {
        return new AllocationSettings(capacities, objective, constraints);
    }

    public AllocationSettings withConstraint(GroupConstraint constraint) {
        List<GroupConstraint> c = new ArrayList<>(constraints);
        c.add(Objects.requireNonNull(constraint, "constraint"));
        return new AllocationSettings(capacities, objective, c);
    }

    /** The same settings without group constraints. */
    public AllocationSettings withoutConstraints() {
        return new AllocationSettings(capacities, objective, List.of());
    }

    /**
     * {@code svc=N[,svc=N]}, e.g. {@code wage_subsidy=800,vocational_training=1200}.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static Map<String, Long> parseCapacities(String text) {
        Map<String, Long> c = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("capacity is empty; give svc=N[,svc=N], e.g. wage_subsidy=800");
        }
        for (String part : text.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("capacity '" + part + "' is not svc=N; e.g. wage_subsidy=800");
            }
            String id = part.substring(0, eq).trim();
            String n = part.substring(eq + 1).trim();
            long v;
            try {
                v = Long.parseLong(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("capacity of " + id + " is '" + n
                        + "'; allowed: a whole number of places, 0 or more");
            }
            if (v < 0) {
                throw new IllegalArgumentException("capacity of " + id + " is " + v
                        + "; allowed: a whole number of places, 0 or more");
            }
            if (c.put(id, v) != null) {
                throw new IllegalArgumentException("capacity of " + id + " is given twice; give it once");
            }
        }
        return c;
    }
}
