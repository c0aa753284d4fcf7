package org.fairpath.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Maps {@link ServiceCatalogue} to and from its versioned JSON form, compiling rules against the schema. */
final class CatalogueJson {

    private static final Set<String> ROOT_FIELDS = Set.of("schemaVersion", "name", "services");
    private static final Set<String> SERVICE_FIELDS = Set.of("id", "labels", "descriptions", "intensity", "capacity",
            "eligibility");
    private static final Set<String> CONDITION_FIELDS = Set.of("attribute", "op", "value");

    private CatalogueJson() {
    }

    static ServiceCatalogue read(JsonNode root, Schema schema) {
        if (!root.isObject()) {
            throw Json.malformed("service catalogue", "expected a JSON object; got " + Json.describe(root));
        }
        List<Problem> problems = new ArrayList<>();
        Json.checkFields(root, "$", ROOT_FIELDS, problems);
        Json.checkVersion(root, ServiceCatalogue.JSON_VERSION, problems);
        String name = Json.text(root, "name", "$", true, problems);
        JsonNode list = root.get("services");
        List<Service> services = new ArrayList<>();
        if (list == null || !list.isArray()) {
            // an empty array is a profiling-only deployment: no services to suggest, only the profiling score
            problems.add(new Problem("services", list == null ? Problem.Kind.MISSING_REQUIRED
                    : Problem.Kind.WRONG_TYPE, "'services' must be an array of services (empty for a profiling-only"
                    + " deployment)"));
        } else {
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                String path = "services[" + i + "]";
                Service s = readService(list.get(i), path, schema, problems);
                if (s != null) {
                    Integer first = seen.putIfAbsent(s.id(), i);
                    if (first != null) {
                        problems.add(new Problem(path + ".id", Problem.Kind.INVALID_DEFINITION, "service '" + s.id()
                                + "' is defined twice (first at services[" + first + "])"));
                    }
                    services.add(s);
                }
            }
        }
        String subject = "service catalogue" + (name == null ? "" : " '" + name + "'");
        if (!problems.isEmpty()) {
            throw new ValidationException(subject, problems);
        }
        return new ServiceCatalogue(name, schema, services);
    }

    private static Service readService(JsonNode n, String path, Schema schema, List<Problem> problems) {
        if (!n.isObject()) {
            problems.add(new Problem(path, Problem.Kind.WRONG_TYPE, "a service must be an object; got "
                    + Json.describe(n)));
            return null;
        }
        int before = problems.size();
        Json.checkFields(n, path, SERVICE_FIELDS, problems);
        String id = Json.text(n, "id", path, true, problems);
        if (id != null && !Attribute.NAME.matcher(id).matches()) {
            problems.add(new Problem(path + ".id", Problem.Kind.INVALID_DEFINITION, "service id '" + id
                    + "' is not allowed; use lower case letters, digits and '_', starting with a letter"));
        } else if (ServiceCatalogue.BASELINE.equals(id)) {
            problems.add(new Problem(path + ".id", Problem.Kind.INVALID_DEFINITION, "'" + id + "' is reserved for"
                    + " the baseline (no programme) that every service is compared with"));
        }
        Map<String, String> labels = localized(n, "labels", path, problems);
        Map<String, String> descriptions = localized(n, "descriptions", path, problems);
        JsonNode intensity = n.get("intensity");
        int level = 0;
        if (intensity == null || !intensity.isInt() || intensity.intValue() < 1 || intensity.intValue() > 5) {
            problems.add(new Problem(path + ".intensity", intensity == null ? Problem.Kind.MISSING_REQUIRED
                    : Problem.Kind.OUT_OF_RANGE, "'intensity' must be a whole number from 1 (light) to 5 (most"
                    + " intensive); got " + (intensity == null ? "nothing" : Json.describe(intensity))));
        } else {
            level = intensity.intValue();
        }
        JsonNode cap = n.get("capacity");
        Integer capacity = null;
        if (cap != null && !cap.isNull()) {
            if (!cap.isInt() || cap.intValue() < 1) {
                problems.add(new Problem(path + ".capacity", Problem.Kind.OUT_OF_RANGE, "'capacity' must be a"
                        + " positive whole number of places, or null when unlimited; got " + Json.describe(cap)));
            } else {
                capacity = cap.intValue();
            }
        }
        JsonNode eligibility = n.get("eligibility");
        Rule rule = null;
        if (eligibility != null && !eligibility.isNull()) {
            rule = readRule(eligibility, path + ".eligibility", schema, problems);
        }
        if (problems.size() > before) {
            return null;
        }
        return new Service(schema, id, labels, descriptions, level, capacity, rule);
    }

    private static Map<String, String> localized(JsonNode n, String field, String path, List<Problem> problems) {
        JsonNode o = n.get(field);
        Map<String, String> m = new TreeMap<>();
        if (o == null || !o.isObject() || !o.has("en")) {
            problems.add(new Problem(path + "." + field, o == null ? Problem.Kind.MISSING_REQUIRED
                    : Problem.Kind.WRONG_TYPE, "'" + field + "' must be an object of language tag to text, with 'en'"));
            return m;
        }
        o.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual() || e.getValue().textValue().isBlank()) {
                problems.add(new Problem(path + "." + field + "." + e.getKey(), Problem.Kind.WRONG_TYPE,
                        "must be non-blank text; got " + Json.describe(e.getValue())));
            } else {
                m.put(e.getKey(), e.getValue().textValue());
            }
        });
        return m;
    }

    private static Rule readRule(JsonNode n, String path, Schema schema, List<Problem> problems) {
        if (!n.isObject()) {
            problems.add(new Problem(path, Problem.Kind.WRONG_TYPE, "a rule must be an object; got "
                    + Json.describe(n)));
            return null;
        }
        if (n.size() == 1 && (n.has("all") || n.has("any"))) {
            String kind = n.has("all") ? "all" : "any";
            JsonNode parts = n.get(kind);
            if (!parts.isArray() || parts.isEmpty()) {
                problems.add(new Problem(path + "." + kind, Problem.Kind.WRONG_TYPE, "'" + kind
                        + "' must be a non-empty array of rules"));
                return null;
            }
            List<Rule> rules = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                rules.add(readRule(parts.get(i), path + "." + kind + "[" + i + "]", schema, problems));
            }
            if (rules.contains(null)) {
                return null;
            }
            return kind.equals("all") ? new Rule.AllOf(List.copyOf(rules)) : new Rule.AnyOf(List.copyOf(rules));
        }
        if (n.size() == 1 && n.has("not")) {
            Rule part = readRule(n.get("not"), path + ".not", schema, problems);
            return part == null ? null : new Rule.Not(part);
        }
        if (!n.has("attribute")) {
            problems.add(new Problem(path, Problem.Kind.MALFORMED, "a rule is {\"all\": [...]}, {\"any\": [...]},"
                    + " {\"not\": {...}} or a condition {\"attribute\": ..., \"op\": ..., \"value\": ...}; got fields "
                    + Json.sorted(fieldNames(n))));
            return null;
        }
        return readCondition(n, path, schema, problems);
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> s = new java.util.HashSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    private static Rule readCondition(JsonNode n, String path, Schema schema, List<Problem> problems) {
        int before = problems.size();
        Json.checkFields(n, path, CONDITION_FIELDS, problems);
        String attributeName = Json.text(n, "attribute", path, true, problems);
        String opText = Json.text(n, "op", path, true, problems);
        if (problems.size() > before) {
            return null;
        }
        int index = schema.indexOf(attributeName);
        if (index < 0) {
            problems.add(new Problem(path + ".attribute", Problem.Kind.UNKNOWN_ATTRIBUTE,
                    Names.unknown("attribute", attributeName, schema.names())));
            return null;
        }
        Attribute a = schema.attributes().get(index);
        Rule.Op op = Rule.Op.of(opText);
        List<Rule.Op> allowed = allowedOps(a.type());
        if (op == null || !allowed.contains(op)) {
            List<String> symbols = new ArrayList<>();
            allowed.forEach(o -> symbols.add(o.symbol));
            problems.add(new Problem(path + ".op", Problem.Kind.INVALID_DEFINITION, (op == null
                    ? "unknown operator '" + opText + "'" : "operator '" + opText + "' does not apply to "
                    + a.type().name().toLowerCase(java.util.Locale.ROOT) + " attribute '" + a.name() + "'")
                    + "; allowed: " + symbols));
            return null;
        }
        JsonNode v = n.get("value");
        String vpath = path + ".value";
        if (op == Rule.Op.MISSING || op == Rule.Op.PRESENT) {
            if (v != null) {
                problems.add(new Problem(vpath, Problem.Kind.INVALID_DEFINITION, "operator '" + op.symbol
                        + "' takes no value"));
                return null;
            }
            return new Rule.Condition(index, a, op, Double.NaN, null);
        }
        if (v == null || v.isNull()) {
            problems.add(new Problem(vpath, Problem.Kind.MISSING_REQUIRED, "operator '" + op.symbol
                    + "' needs a value: " + a.describeAllowed().replace(", or null when unknown", "")));
            return null;
        }
        if (op == Rule.Op.IN || op == Rule.Op.NOT_IN) {
            if (!v.isArray() || v.isEmpty()) {
                problems.add(new Problem(vpath, Problem.Kind.WRONG_TYPE, "operator '" + op.symbol
                        + "' needs a non-empty array of levels of " + a.name() + ": " + a.levels()));
                return null;
            }
            boolean[] set = new boolean[a.levels().size()];
            for (int i = 0; i < v.size(); i++) {
                int level = level(a, v.get(i), vpath + "[" + i + "]", problems);
                if (level >= 0) {
                    set[level] = true;
                }
            }
            return problems.size() > before ? null : new Rule.Condition(index, a, op, Double.NaN, set);
        }
        switch (a.type()) {
            case CATEGORICAL: {
                int level = level(a, v, vpath, problems);
                if (level < 0) {
                    return null;
                }
                boolean[] set = new boolean[a.levels().size()];
                set[level] = true;
                return new Rule.Condition(index, a, op, Double.NaN, set);
            }
            case ORDINAL: {
                int level = level(a, v, vpath, problems);
                return level < 0 ? null : new Rule.Condition(index, a, op, level, null);
            }
            case BOOLEAN:
                if (!v.isBoolean()) {
                    problems.add(new Problem(vpath, Problem.Kind.WRONG_TYPE, a.name() + " is boolean; the value"
                            + " must be true or false; got " + Json.describe(v)));
                    return null;
                }
                return new Rule.Condition(index, a, op, v.booleanValue() ? 1 : 0, null);
            default:
                if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                    problems.add(new Problem(vpath, Problem.Kind.WRONG_TYPE, a.name() + " is numeric; the value"
                            + " must be a finite number; got " + Json.describe(v)));
                    return null;
                }
                return new Rule.Condition(index, a, op, v.doubleValue(), null);
        }
    }

    private static int level(Attribute a, JsonNode v, String path, List<Problem> problems) {
        if (!v.isTextual()) {
            problems.add(new Problem(path, Problem.Kind.WRONG_TYPE, "a level of " + a.name() + " must be text, one"
                    + " of " + a.levels() + "; got " + Json.describe(v)));
            return -1;
        }
        int level = a.levelIndex(v.textValue());
        if (level < 0) {
            problems.add(new Problem(path, Problem.Kind.UNKNOWN_LEVEL,
                    Names.unknown("level", v.textValue(), a.levels()) + " for " + a.name()));
        }
        return level;
    }

    private static List<Rule.Op> allowedOps(AttributeType type) {
        switch (type) {
            case NUMERIC:
                return Arrays.asList(Rule.Op.LT, Rule.Op.LE, Rule.Op.GT, Rule.Op.GE, Rule.Op.EQ, Rule.Op.NE,
                        Rule.Op.MISSING, Rule.Op.PRESENT);
            case ORDINAL:
                return Arrays.asList(Rule.Op.values());
            case CATEGORICAL:
                return Arrays.asList(Rule.Op.EQ, Rule.Op.NE, Rule.Op.IN, Rule.Op.NOT_IN, Rule.Op.MISSING,
                        Rule.Op.PRESENT);
            default:
                return Arrays.asList(Rule.Op.EQ, Rule.Op.NE, Rule.Op.MISSING, Rule.Op.PRESENT);
        }
    }

    static String write(ServiceCatalogue catalogue) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schemaVersion", ServiceCatalogue.JSON_VERSION);
        root.put("name", catalogue.name());
        ArrayNode list = root.putArray("services");
        for (Service s : catalogue.services()) {
            ObjectNode o = list.addObject();
            o.put("id", s.id());
            putLocalized(o.putObject("labels"), s.labels());
            putLocalized(o.putObject("descriptions"), s.descriptions());
            o.put("intensity", s.intensity());
            if (s.capacity().isPresent()) {
                o.put("capacity", s.capacity().getAsInt());
            } else {
                o.putNull("capacity");
            }
            if (s.rule() != null) {
                s.rule().write(o.putObject("eligibility"));
            }
        }
        return Json.write(root);
    }

    private static void putLocalized(ObjectNode o, Map<String, String> texts) {
        new TreeMap<>(texts).forEach(o::put);
    }
}
