package org.fairpath.spark;

import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * Counts the rows of one partition into a {@link CountsBuffer} and merges the partitions' buffers. The rows hold the
 * audited columns only, in the order groups, decision, outcome (if any), score (if any); {@code kinds} says how each
 * column's values become text (see {@link SparkAudit}).
 */
final class CountsAggregator extends Aggregator<Row, CountsBuffer, CountsBuffer> {

    private static final long serialVersionUID = 1L;

    static final int TEXT = 0;
    static final int WHOLE = 1;
    static final int BOOLEAN = 2;
    static final int DOUBLE = 3;
    static final int DECIMAL = 4;

    private final CountsBuffer.ColumnSpec spec;
    private final int[] kinds;

    CountsAggregator(CountsBuffer.ColumnSpec spec, int[] kinds) {
        this.spec = spec;
        this.kinds = kinds.clone();
    }

    @Override
    public CountsBuffer zero() {
        return new CountsBuffer(spec);
    }

    @Override
    public CountsBuffer reduce(CountsBuffer b, Row row) {
        int k = spec.columns().groups().size();
        String[] groups = new String[k];
        for (int a = 0; a < k; a++) {
            groups[a] = text(row, a);
        }
        String decision = text(row, k);
        boolean hasOutcome = spec.columns().outcome() != null;
        String outcome = hasOutcome ? text(row, k + 1) : null;
        int s = hasOutcome ? k + 2 : k + 1;
        if (spec.columns().score() == null) {
            b.counts().add(groups, decision, outcome, Double.NaN);
        } else if (kinds[s] == TEXT) {
            b.counts().add(groups, decision, outcome, row.isNullAt(s) ? null : certain(row.getString(s)));
        } else {
            b.counts().add(groups, decision, outcome, row.isNullAt(s) ? Double.NaN : kinds[s] == DOUBLE
                    ? row.getDouble(s) : row.getDecimal(s).doubleValue());
        }
        return b;
    }

    private String text(Row row, int i) {
        if (row.isNullAt(i)) {
            return null;
        }
        return switch (kinds[i]) {
            case TEXT -> certain(row.getString(i));
            case WHOLE -> row.get(i).toString();
            case BOOLEAN -> row.getBoolean(i) ? "true" : "false";
            case DOUBLE -> Double.toString(row.getDouble(i));
            case DECIMAL -> row.getDecimal(i).toPlainString();
            default -> throw new IllegalStateException("column kind " + kinds[i]);
        };
    }

    /**
     * Refuses text holding U+FFFD, the character Spark's readers put where bytes are not UTF-8: the file reader of
     * {@code fairpath audit} refuses such a file, and a label with it would be a guess.
     */
    private static String certain(String v) {
        if (v.indexOf('\uFFFD') >= 0) {
            throw new IllegalArgumentException("a value holds U+FFFD, the replacement character ('"
                    + v.replace("\uFFFD", "\\uFFFD") + "'): the input is probably not UTF-8 text (Spark replaces"
                    + " bytes it cannot decode with it); save it as UTF-8 (plain ASCII is fine)");
        }
        return v;
    }

    @Override
    public CountsBuffer merge(CountsBuffer a, CountsBuffer b) {
        return a.merge(b);
    }

    @Override
    public CountsBuffer finish(CountsBuffer b) {
        return b;
    }

    @Override
    public Encoder<CountsBuffer> bufferEncoder() {
        return Encoders.javaSerialization(CountsBuffer.class);
    }

    @Override
    public Encoder<CountsBuffer> outputEncoder() {
        return Encoders.javaSerialization(CountsBuffer.class);
    }
}
