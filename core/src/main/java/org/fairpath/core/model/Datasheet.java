package org.fairpath.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fairpath.core.Attribute;
import org.fairpath.core.AttributeType;
import org.fairpath.core.Role;
import org.fairpath.core.Schema;

/**
 * What the models were trained on, attribute by attribute: the datasheet in every model card, and the reference the
 * monitor compares live inputs with.
 *
 * @param cases          number of training cases
 * @param casesPerOption training cases that received each option
 * @param attributes     one summary per schema attribute, in schema order
 */
public record Datasheet(int cases, Map<String, Integer> casesPerOption, List<AttributeSheet> attributes) {

    /** Numeric attributes with more distinct training values than this are kept as this many quantiles. */
    public static final int MAX_DISTINCT = 2000;

    public Datasheet {
        casesPerOption = Collections.unmodifiableMap(new LinkedHashMap<>(casesPerOption));
        attributes = List.copyOf(attributes);
    }

    /**
     * One attribute's training distribution.
     *
     * @param name      the attribute
     * @param type      its type
     * @param roles     its roles (e.g. {@code protected}, {@code feature}), lower case
     * @param missing   training cases where it is unknown
     * @param counts    known values and their counts: every level in schema order for categorical and ordinal
     *                  attributes, {@code false}/{@code true} for booleans, and for numbers every distinct value in
     *                  ascending order ({@link Double#toString}) — or, when there are more than {@link #MAX_DISTINCT},
     *                  that many equally spaced quantiles each standing for an equal share ({@code approximate})
     * @param approximate whether {@code counts} holds quantiles rather than exact values
     * @param byOption  for protected attributes that are not numeric: the counts per option, then per level
     */
    public record AttributeSheet(String name, AttributeType type, List<String> roles, long missing,
                                 Map<String, Long> counts, boolean approximate,
                                 Map<String, Map<String, Long>> byOption) {
        public AttributeSheet {
            roles = List.copyOf(roles);
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
            Map<String, Map<String, Long>> b = new LinkedHashMap<>();
            byOption.forEach((k, v) -> b.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
            byOption = Collections.unmodifiableMap(b);
        }

        /** Cases with a known value. */
        public long known() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The share of training cases with an unknown value: {@code missing / (missing + known)}; NaN with none. */
        public double missingRate() {
            long all = missing + known();
            return all == 0 ? Double.NaN : (double) missing / all;
        }
    }

    /** The sheet of attribute {@code name}, or empty. */
    public java.util.Optional<AttributeSheet> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /**
     * The datasheet of {@code cases} under {@code schema}; {@code options} are the options in the order to report them
     * (an option not listed is added after them).
     */
    public static Datasheet of(Schema schema, List<TrainingCase> cases, List<String> options) {
        Map<String, Integer> perOption = new LinkedHashMap<>();
        options.forEach(o -> perOption.put(o, 0));
        cases.forEach(c -> perOption.merge(c.service(), 1, Integer::sum));
        List<AttributeSheet> sheets = new ArrayList<>();
        for (Attribute a : schema.attributes()) {
            long missing = 0;
            Map<String, Long> counts = new LinkedHashMap<>();
            TreeMap<Double, Long> numbers = new TreeMap<>();
            boolean grouped = a.hasRole(Role.PROTECTED) && a.type() != AttributeType.NUMERIC;
            Map<String, Map<String, Long>> byOption = new LinkedHashMap<>();
            List<String> levels = a.type() == AttributeType.BOOLEAN ? List.of("false", "true") : a.levels();
            levels.forEach(l -> counts.put(l, 0L));
            if (grouped) {
                for (String o : options) {
                    Map<String, Long> m = new LinkedHashMap<>();
                    levels.forEach(l -> m.put(l, 0L));
                    byOption.put(o, m);
                }
            }
            for (TrainingCase c : cases) {
                Object v = c.profile().value(a.name());
                if (v == null) {
                    missing++;
                } else if (a.type() == AttributeType.NUMERIC) {
                    numbers.merge(((Number) v).doubleValue(), 1L, Long::sum);
                } else {
                    counts.merge(v.toString(), 1L, Long::sum);
                    if (grouped) {
                        byOption.computeIfAbsent(c.service(), k -> {
                            Map<String, Long> m = new LinkedHashMap<>();
                            levels.forEach(l -> m.put(l, 0L));
                            return m;
                        }).merge(v.toString(), 1L, Long::sum);
                    }
                }
            }
            boolean approximate = false;
            if (a.type() == AttributeType.NUMERIC) {
                if (numbers.size() <= MAX_DISTINCT) {
                    numbers.forEach((k, n) -> counts.put(Double.toString(k), n));
                } else {
                    approximate = true;
                    quantiles(numbers, counts);
                }
            }
            List<String> roles = a.roles().stream().map(r -> r.name().toLowerCase(java.util.Locale.ROOT)).sorted()
                    .toList();
            sheets.add(new AttributeSheet(a.name(), a.type(), roles, missing, counts, approximate, byOption));
        }
        return new Datasheet(cases.size(), perOption, sheets);
    }

    /** {@link #MAX_DISTINCT} quantiles at (i + 0.5) / MAX_DISTINCT, each counting an equal share (rounded). */
    private static void quantiles(TreeMap<Double, Long> numbers, Map<String, Long> out) {
        long n = numbers.values().stream().mapToLong(Long::longValue).sum();
        double[] sorted = new double[(int) n];
        int k = 0;
        for (Map.Entry<Double, Long> e : numbers.entrySet()) {
            for (long i = 0; i < e.getValue(); i++) {
                sorted[k++] = e.getKey();
            }
        }
        long assigned = 0;
        for (int i = 0; i < MAX_DISTINCT; i++) {
            double q = sorted[(int) Math.min(n - 1, Math.floor((i + 0.5) / MAX_DISTINCT * n))];
            long share = Math.round((double) n * (i + 1) / MAX_DISTINCT) - assigned;
            assigned += share;
            out.merge(Double.toString(q), share, Long::sum);
        }
    }
}
