package org.fairpath.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fairpath.core.Attribute;
import org.fairpath.core.AttributeType;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.Role;
import org.fairpath.core.Schema;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * The encoding the models were trained with, recorded in {@code scorers.json} ({@code columns}: every encoded column in
 * order; {@code levels}: the levels of every categorical or ordinal model input, in order), and its check against the
 * bundle's schema at load: a reordered, added or removed level, or a changed model input, would silently change what
 * every weight means, so it is an error naming the attribute.
 */
final class BundleColumns {

    private BundleColumns() {
    }

    static void record(ObjectNode scorersJson, Schema schema) {
        ArrayNode cols = scorersJson.putArray("columns");
        FeatureEncoder.of(schema).featureNames().forEach(cols::add);
        ObjectNode levels = scorersJson.putObject("levels");
        for (Attribute a : schema.attributes()) {
            if (a.hasRole(Role.FEATURE) && a.type() != AttributeType.NUMERIC && a.type() != AttributeType.BOOLEAN) {
                ArrayNode l = levels.putArray(a.name());
                a.levels().forEach(l::add);
            }
        }
    }

    /**
     * Checks the recorded encoding against {@code schema}, every compiled scorer's width, and every Tribuo model's
     * feature names.
     */
    static void check(JsonNode scorersJson, Schema schema, List<String> options, Scorer[][] scorers,
                      Map<String, Model<Label>> tribuo) {
        List<String> recorded = new ArrayList<>();
        JsonNode cols = scorersJson.get("columns");
        JsonNode levels = scorersJson.get("levels");
        if (cols == null || !cols.isArray() || levels == null || !levels.isObject()) {
            throw new IllegalArgumentException("bundle file scorers.json does not record the columns and levels the"
                    + " models were trained with ('columns', 'levels')");
        }
        cols.forEach(c -> recorded.add(c.asText()));
        List<String> current = FeatureEncoder.of(schema).featureNames();
        if (!recorded.equals(current)) {
            int i = 0;
            while (i < Math.min(recorded.size(), current.size()) && recorded.get(i).equals(current.get(i))) {
                i++;
            }
            String attribute = attributeOf(i < current.size() ? current.get(i) : recorded.get(i));
            throw new IllegalArgumentException("schema.json and the trained models disagree on attribute '"
                    + attribute + "': the models were trained with columns " + columnsOf(recorded, attribute)
                    + " but schema.json encodes " + columnsOf(current, attribute) + "; a reordered, added or removed"
                    + " level changes what every weight means, so this bundle is refused");
        }
        Set<String> seen = new TreeSet<>();
        for (Attribute a : schema.attributes()) {
            if (!a.hasRole(Role.FEATURE) || a.type() == AttributeType.NUMERIC || a.type() == AttributeType.BOOLEAN) {
                continue;
            }
            seen.add(a.name());
            List<String> trained = new ArrayList<>();
            JsonNode l = levels.get(a.name());
            if (l != null) {
                l.forEach(n -> trained.add(n.asText()));
            }
            if (!trained.equals(a.levels())) {
                throw new IllegalArgumentException("schema.json and the trained models disagree on attribute '"
                        + a.name() + "': the models were trained with levels " + (l == null ? "(none: not an input)"
                        : trained) + " but schema.json lists " + a.levels() + "; a reordered, added or removed level"
                        + " changes what the encoded values mean, so this bundle is refused");
            }
        }
        levels.fieldNames().forEachRemaining(n -> {
            if (!seen.contains(n)) {
                throw new IllegalArgumentException("schema.json and the trained models disagree on attribute '" + n
                        + "': the models were trained with it as a categorical or ordinal input; schema.json does"
                        + " not have it as one");
            }
        });
        for (int a = 0; a < scorers.length; a++) {
            String option = a == options.size() ? OutcomeModels.PROFILING : options.get(a);
            for (int b = 0; b < scorers[a].length; b++) {
                if (scorers[a][b].width() != current.size()) {
                    throw new IllegalArgumentException("bundle file scorers.json: the " + (b == 0 ? "point model"
                            : "bag " + b) + " of '" + option + "' reads " + scorers[a][b].width() + " columns; the"
                            + " schema encodes " + current.size() + " columns");
                }
            }
        }
        Set<String> known = Set.copyOf(current);
        for (Map.Entry<String, Model<Label>> e : tribuo.entrySet()) {
            e.getValue().getFeatureIDMap().keySet().forEach(f -> {
                if (!known.contains(f)) {
                    throw new IllegalArgumentException("bundle Tribuo model '" + e.getKey() + "' uses column '" + f
                            + "', which schema.json does not encode");
                }
            });
        }
    }

    private static String attributeOf(String column) {
        int at = column.indexOf('@');
        return at < 0 ? column : column.substring(0, at);
    }

    private static List<String> columnsOf(List<String> columns, String attribute) {
        return columns.stream().filter(c -> attributeOf(c).equals(attribute)).toList();
    }
}
