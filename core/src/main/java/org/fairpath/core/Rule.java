package org.fairpath.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An eligibility rule compiled against a schema: conditions on attributes combined with all / any / not.
 * Testing a profile allocates nothing; the words are built only when a reason is asked for.
 *
 * <p>A condition on an unknown (missing) value is not met, except {@code missing} itself.
 */
sealed interface Rule permits Rule.Condition, Rule.AllOf, Rule.AnyOf, Rule.Not {

    boolean test(JobseekerProfile p);

    /** The rule in words, e.g. {@code months unemployed >= 6}. */
    String describe();

    /** Adds, for a profile that fails this rule, why it fails, with the profile's values. */
    void whyNot(JobseekerProfile p, List<String> out);

    /** Adds, for a profile that meets this rule, the conditions that make it so, with the profile's values. */
    void whyMet(JobseekerProfile p, List<String> out);

    void write(ObjectNode node);

    /** Comparison operators as written in JSON. */
    enum Op {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!="), IN("in"), NOT_IN("not_in"),
        MISSING("missing"), PRESENT("present");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        static Op of(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            return null;
        }

        static List<String> symbols() {
            List<String> l = new ArrayList<>();
            for (Op op : values()) {
                l.add(op.symbol);
            }
            return l;
        }
    }

    /**
     * One condition. For NUMERIC, ORDINAL and BOOLEAN comparisons {@code threshold} holds the number, level position
     * or 0/1; for CATEGORICAL and for {@code in}/{@code not_in}, {@code levels} marks the levels that match.
     */
    record Condition(int attributeIndex, Attribute attribute, Op op, double threshold, boolean[] levels,
                     String label, String description) implements Rule {

        /** A condition whose label and description are worked out once, here. */
        Condition(int attributeIndex, Attribute attribute, Op op, double threshold, boolean[] levels) {
            this(attributeIndex, attribute, op, threshold, levels, labelOf(attribute), null);
        }

        public Condition {
            if (description == null) {
                description = describeOf(label, attribute, op, threshold, levels);
            }
        }

        @Override
        public boolean test(JobseekerProfile p) {
            double c = p.code(attributeIndex);
            if (op == Op.MISSING) {
                return Double.isNaN(c);
            }
            if (Double.isNaN(c)) {
                return false;
            }
            if (op == Op.PRESENT) {
                return true;
            }
            if (levels != null) {
                boolean in = levels[(int) c];
                return op == Op.EQ || op == Op.IN ? in : !in;
            }
            switch (op) {
                case LT:
                    return c < threshold;
                case LE:
                    return c <= threshold;
                case GT:
                    return c > threshold;
                case GE:
                    return c >= threshold;
                case EQ:
                    return c == threshold;
                default:
                    return c != threshold;
            }
        }

        /** The English label, lower-cased at the start unless it starts with an acronym ("CV ..."). */
        private static String labelOf(Attribute attribute) {
            String l = attribute.label(Locale.ENGLISH);
            boolean acronym = l.length() > 1 && Character.isUpperCase(l.charAt(1));
            return acronym ? l : Character.toLowerCase(l.charAt(0)) + l.substring(1);
        }

        private static String describeOf(String label, Attribute attribute, Op op, double threshold,
                                         boolean[] levels) {
            switch (op) {
                case MISSING:
                    return label + " is unknown";
                case PRESENT:
                    return label + " is known";
                case IN:
                    return label + " is one of " + levelList(attribute, levels);
                case NOT_IN:
                    return label + " is none of " + levelList(attribute, levels);
                default:
                    return label + " " + op.symbol + " " + valueText(attribute, threshold, levels);
            }
        }

        @Override
        public String describe() {
            return description;
        }

        private static String valueText(Attribute attribute, double threshold, boolean[] levels) {
            if (levels != null) {
                return levelList(attribute, levels).get(0);
            }
            switch (attribute.type()) {
                case ORDINAL:
                    return attribute.levels().get((int) threshold);
                case BOOLEAN:
                    return threshold != 0 ? "yes" : "no";
                default:
                    return Attribute.format(threshold);
            }
        }

        static List<String> levelList(Attribute attribute, boolean[] levels) {
            List<String> l = new ArrayList<>();
            for (int i = 0; i < levels.length; i++) {
                if (levels[i]) {
                    l.add(attribute.levels().get(i));
                }
            }
            return l;
        }

        @Override
        public void whyNot(JobseekerProfile p, List<String> out) {
            out.add(withValue(p));
        }

        @Override
        public void whyMet(JobseekerProfile p, List<String> out) {
            out.add(withValue(p));
        }

        /** E.g. {@code months unemployed is 3 (needs >= 6)}. */
        private String withValue(JobseekerProfile p) {
            Object v = JobseekerProfile.decode(attribute, p.code(attributeIndex));
            String is = v == null ? "unknown" : v instanceof Double ? Attribute.format((Double) v)
                    : v instanceof Boolean ? ((Boolean) v ? "yes" : "no") : v.toString();
            if (op == Op.MISSING || op == Op.PRESENT) {
                boolean met = test(p);
                return met ? description : label + " is " + is + " (needs to be " + (op == Op.MISSING ? "unknown)"
                        : "known)");
            }
            return label + " is " + is + " (needs " + description.substring(label.length() + 1) + ")";
        }

        @Override
        public void write(ObjectNode node) {
            node.put("attribute", attribute.name());
            node.put("op", op.symbol);
            if (op == Op.MISSING || op == Op.PRESENT) {
                return;
            }
            if (op == Op.IN || op == Op.NOT_IN) {
                ArrayNode a = node.putArray("value");
                levelList(attribute, levels).forEach(a::add);
            } else if (levels != null || attribute.type() == AttributeType.ORDINAL) {
                node.put("value", valueText(attribute, threshold, levels));
            } else if (attribute.type() == AttributeType.BOOLEAN) {
                node.put("value", threshold != 0);
            } else {
                node.put("value", threshold);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Condition && ((Condition) o).describe().equals(describe());
        }

        @Override
        public int hashCode() {
            return describe().hashCode();
        }
    }

    /** Met when every part is met. */
    record AllOf(List<Rule> parts) implements Rule {
        @Override
        public boolean test(JobseekerProfile p) {
            for (int i = 0; i < parts.size(); i++) {
                if (!parts.get(i).test(p)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String describe() {
            return join(parts, " and ");
        }

        @Override
        public void whyNot(JobseekerProfile p, List<String> out) {
            for (Rule r : parts) {
                if (!r.test(p)) {
                    r.whyNot(p, out);
                }
            }
        }

        @Override
        public void whyMet(JobseekerProfile p, List<String> out) {
            for (Rule r : parts) {
                r.whyMet(p, out);
            }
        }

        @Override
        public void write(ObjectNode node) {
            ArrayNode a = node.putArray("all");
            parts.forEach(r -> r.write(a.addObject()));
        }
    }

    /** Met when at least one part is met. */
    record AnyOf(List<Rule> parts) implements Rule {
        @Override
        public boolean test(JobseekerProfile p) {
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).test(p)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String describe() {
            return join(parts, " or ");
        }

        @Override
        public void whyNot(JobseekerProfile p, List<String> out) {
            List<String> each = new ArrayList<>();
            for (Rule r : parts) {
                r.whyNot(p, each);
            }
            out.add("none of: " + String.join("; ", each));
        }

        @Override
        public void whyMet(JobseekerProfile p, List<String> out) {
            for (Rule r : parts) {
                if (r.test(p)) {
                    r.whyMet(p, out);
                    return;
                }
            }
        }

        @Override
        public void write(ObjectNode node) {
            ArrayNode a = node.putArray("any");
            parts.forEach(r -> r.write(a.addObject()));
        }
    }

    /** Met when its part is not met. */
    record Not(Rule part) implements Rule {
        @Override
        public boolean test(JobseekerProfile p) {
            return !part.test(p);
        }

        @Override
        public String describe() {
            return "not (" + part.describe() + ")";
        }

        @Override
        public void whyNot(JobseekerProfile p, List<String> out) {
            out.add("must not meet: " + part.describe());
        }

        @Override
        public void whyMet(JobseekerProfile p, List<String> out) {
            List<String> why = new ArrayList<>();
            part.whyNot(p, why);
            out.add("not (" + String.join("; ", why) + ")");
        }

        @Override
        public void write(ObjectNode node) {
            part.write(node.putObject("not"));
        }
    }

    private static String join(List<Rule> parts, String sep) {
        List<String> l = new ArrayList<>();
        for (Rule r : parts) {
            String d = r.describe();
            l.add(r instanceof Condition || r instanceof Not ? d : "(" + d + ")");
        }
        return String.join(sep, l);
    }
}
