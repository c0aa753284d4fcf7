package org.fairpath.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.fairpath.fairness.input.AuditColumns;
import org.fairpath.fairness.input.ValueCounts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The audit counts of a DataFrame, counted where its partitions are and merged: a {@link ValueCounts} equal to the one of
 * the same rows counted in one place, so that {@link org.fairpath.fairness.report.CountsFile#audit} gives the same
 * audit as {@code fairpath audit} on a file with these rows.
 *
 * <p>Column types are read with certainty or refused: text as it is; whole numbers (byte, short, int, long) as their
 * decimal digits; booleans as {@code true}/{@code false}; doubles and decimals only in a banded group column (banded
 * by value) and in the score column. A double is never turned into a group label, since its spelling ("37.0" or "37")
 * is a guess. Null cells are empty cells.
 */
public final class SparkAudit {

    private SparkAudit() {
    }

    /**
     * Counts the columns {@code columns} names in {@code rows}, per partition, merged.
     *
     * @throws IllegalArgumentException naming the column if one is missing (with the columns there are) or has a
     *                                  type that cannot be read with certainty (with the types allowed), and as
     *                                  {@link ValueCounts#add} does for a case without a decision or a score that is no
     *                                  probability
     */
    public static ValueCounts counts(Dataset<Row> rows, AuditColumns columns) {
        List<String> wanted = new ArrayList<>(columns.groups());
        wanted.add(columns.decision());
        if (columns.outcome() != null) {
            wanted.add(columns.outcome());
        }
        if (columns.score() != null) {
            wanted.add(columns.score());
        }
        List<String> names = Arrays.asList(rows.schema().fieldNames());
        int[] kinds = new int[wanted.size()];
        Column[] cols = new Column[wanted.size()];
        for (int i = 0; i < wanted.size(); i++) {
            String w = wanted.get(i);
            int at = names.indexOf(w);
            if (at < 0) {
                String near = names.stream().filter(n -> n.equalsIgnoreCase(w.strip())).findFirst()
                        .map(n -> " (did you mean '" + n + "'?)").orElse("");
                throw new IllegalArgumentException("the DataFrame has no column '" + w + "'" + near + "; columns: "
                        + names);
            }
            StructField f = rows.schema().fields()[at];
            String role = i < columns.groups().size() ? "group column" : w.equals(columns.decision())
                    ? "decision column" : w.equals(columns.outcome()) ? "outcome column" : "score column";
            boolean numeric = role.equals("score column") || columns.bands().containsKey(w);
            kinds[i] = kind(f, role, numeric);
            cols[i] = functions.col("`" + w.replace("`", "``") + "`");
        }
        CountsAggregator agg = new CountsAggregator(new CountsBuffer.ColumnSpec(columns), kinds);
        List<CountsBuffer> out;
        try {
            out = rows.select(cols).select(agg.toColumn()).collectAsList();
        } catch (Exception e) {
            // a task's refusal (no decision, a score that is no probability) reaches the driver wrapped by Spark
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof IllegalArgumentException iae && !(c.getClass().getName().startsWith("org.apache"))) {
                    throw new IllegalArgumentException(iae.getMessage(), e);
                }
            }
            String m = String.valueOf(e.getMessage());
            throw new IllegalArgumentException("Spark could not read or count the rows: " + (m.contains("\n")
                    ? m.substring(0, m.indexOf('\n')) : m), e);
        }
        return out.get(0).counts();
    }

    /**
     * Reads {@code path} with Spark and counts it: {@code .parquet} (a file or a directory of them) with its own
     * column types; {@code .jsonl} or {@code .json} as JSON Lines (Spark infers the types); anything else as CSV with
     * a header row, every column as text, RFC 4180 quotes ({@code ""} inside a quoted field), a malformed record an
     * error rather than a row of nulls. The session is the one spark-submit configured, or {@code local[*]} when no
     * master is set.
     *
     * @throws IllegalArgumentException as {@link #counts} does
     */
    public static ValueCounts countFile(String path, AuditColumns columns) {
        org.apache.spark.sql.SparkSession.Builder b = org.apache.spark.sql.SparkSession.builder()
                .appName("fairpath audit");
        if (!new org.apache.spark.SparkConf().contains("spark.master")) {
            b = b.master("local[*]");
        }
        org.apache.spark.sql.SparkSession spark = b.getOrCreate();
        String lower = path.toLowerCase(Locale.ROOT);
        Dataset<Row> df;
        if (lower.endsWith(".parquet")) {
            df = spark.read().parquet(path);
        } else if (lower.endsWith(".jsonl") || lower.endsWith(".json")) {
            df = spark.read().option("mode", "FAILFAST").json(path);
        } else {
            df = spark.read().option("header", "true").option("escape", "\"").option("multiLine", "true")
                    .option("mode", "FAILFAST").csv(path);
        }
        try {
            return counts(df, columns);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static int kind(StructField f, String role, boolean numeric) {
        DataType t = f.dataType();
        if (t instanceof StringType) {
            return CountsAggregator.TEXT;
        }
        if (!role.equals("score column") && (t instanceof ByteType || t instanceof ShortType
                || t instanceof IntegerType || t instanceof LongType)) {
            return CountsAggregator.WHOLE;
        }
        if (!role.equals("score column") && t instanceof BooleanType) {
            return CountsAggregator.BOOLEAN;
        }
        if (numeric && t instanceof DoubleType) {
            return CountsAggregator.DOUBLE;
        }
        if (numeric && t instanceof DecimalType) {
            return CountsAggregator.DECIMAL;
        }
        String allowed = role.equals("score column") ? "string, double or decimal"
                : numeric ? "string, byte, short, int, long, boolean, double or decimal"
                : "string, byte, short, int, long or boolean (give bands to group a column of fractional numbers)";
        throw new IllegalArgumentException(role + " '" + f.name() + "' has the type " + t.simpleString()
                .toLowerCase(Locale.ROOT) + ", which cannot be read with certainty; allowed: " + allowed
                + (t.simpleString().equals("float") ? " (cast a float column to double or string deliberately:"
                + " its values are not the decimal text a file would hold)" : ""));
    }
}
