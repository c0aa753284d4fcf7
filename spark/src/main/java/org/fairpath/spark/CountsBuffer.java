package org.fairpath.spark;

import org.fairpath.fairness.input.AuditColumns;
import org.fairpath.fairness.input.ValueCounts;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ValueCounts} as Spark's aggregation buffer: written between stages as its cells (values, cases, score counts),
 * never as rows. Public with a no-argument constructor only because Java serialization needs them.
 */
public final class CountsBuffer implements Externalizable {

    private static final long serialVersionUID = 1L;

    private ColumnSpec spec;
    private ValueCounts counts;

    /** For serialization only. */
    public CountsBuffer() {
    }

    CountsBuffer(ColumnSpec spec) {
        this.spec = spec;
        this.counts = ValueCounts.of(spec.columns());
    }

    ValueCounts counts() {
        return counts;
    }

    CountsBuffer merge(CountsBuffer other) {
        counts.merge(other.counts);
        return this;
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        spec.write(out);
        out.writeLong(counts.rows());
        List<Object[]> cells = new ArrayList<>();
        counts.forEachCell((values, cases, scores) -> cells.add(new Object[] {values, cases, scores}));
        out.writeInt(cells.size());
        for (Object[] c : cells) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) c[0];
            out.writeInt(values.size());
            for (String v : values) {
                text(out, v);
            }
            out.writeLong((Long) c[1]);
            @SuppressWarnings("unchecked")
            Map<Long, Long> scores = (Map<Long, Long>) c[2];
            out.writeInt(scores.size());
            for (Map.Entry<Long, Long> e : scores.entrySet()) {
                out.writeLong(e.getKey());
                out.writeLong(e.getValue());
            }
        }
        Map<String, Map<String, Long>> unbandable = counts.unbandable();
        out.writeInt(unbandable.size());
        for (Map.Entry<String, Map<String, Long>> e : unbandable.entrySet()) {
            text(out, e.getKey());
            out.writeInt(e.getValue().size());
            for (Map.Entry<String, Long> v : e.getValue().entrySet()) {
                text(out, v.getKey());
                out.writeLong(v.getValue());
            }
        }
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException, ClassNotFoundException {
        spec = ColumnSpec.read(in);
        counts = ValueCounts.of(spec.columns());
        long rows = in.readLong();
        int cells = in.readInt();
        for (int c = 0; c < cells; c++) {
            int n = in.readInt();
            List<String> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                values.add(text(in));
            }
            long cases = in.readLong();
            int s = in.readInt();
            Map<Long, Long> scores = new HashMap<>();
            for (int i = 0; i < s; i++) {
                scores.put(in.readLong(), in.readLong());
            }
            counts.addCell(values, cases, scores);
        }
        int attrs = in.readInt();
        for (int a = 0; a < attrs; a++) {
            String attr = text(in);
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                counts.addUnbandable(attr, text(in), in.readLong());
            }
        }
        if (counts.rows() != rows) {
            throw new IOException("a counts buffer holds " + counts.rows() + " cases in its cells but says " + rows);
        }
    }

    private static void text(ObjectOutput out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(ObjectInput in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** {@link AuditColumns} in a serializable form, for the aggregator and its buffers on the executors. */
    static final class ColumnSpec implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final ArrayList<String> groups;
        private final String decision;
        private final ArrayList<String> favourableDecision;
        private final ArrayList<String> unfavourableDecision;
        private final String outcome;
        private final ArrayList<String> favourableOutcome;
        private final ArrayList<String> unfavourableOutcome;
        private final ArrayList<String> unknownOutcome;
        private final String score;
        private final String labels;
        private final LinkedHashMap<String, double[]> bands;
        private transient AuditColumns columns;

        ColumnSpec(AuditColumns c) {
            groups = new ArrayList<>(c.groups());
            decision = c.decision();
            favourableDecision = new ArrayList<>(c.favourableDecision());
            unfavourableDecision = new ArrayList<>(c.unfavourableDecision());
            outcome = c.outcome();
            favourableOutcome = new ArrayList<>(c.favourableOutcome());
            unfavourableOutcome = new ArrayList<>(c.unfavourableOutcome());
            unknownOutcome = new ArrayList<>(c.unknownOutcome());
            score = c.score();
            labels = c.labels().name();
            bands = new LinkedHashMap<>(c.bands());
            columns = c;
        }

        /** Field by field, as plain data: a buffer is never read back through Java deserialization. */
        void write(ObjectOutput out) throws IOException {
            strings(out, groups);
            text(out, decision);
            strings(out, favourableDecision);
            strings(out, unfavourableDecision);
            nullable(out, outcome);
            strings(out, favourableOutcome);
            strings(out, unfavourableOutcome);
            strings(out, unknownOutcome);
            nullable(out, score);
            text(out, labels);
            out.writeInt(bands.size());
            for (Map.Entry<String, double[]> e : bands.entrySet()) {
                text(out, e.getKey());
                out.writeInt(e.getValue().length);
                for (double d : e.getValue()) {
                    out.writeDouble(d);
                }
            }
        }

        static ColumnSpec read(ObjectInput in) throws IOException {
            ArrayList<String> groups = strings(in);
            String decision = text(in);
            ArrayList<String> favourableDecision = strings(in);
            ArrayList<String> unfavourableDecision = strings(in);
            String outcome = nullable(in);
            ArrayList<String> favourableOutcome = strings(in);
            ArrayList<String> unfavourableOutcome = strings(in);
            ArrayList<String> unknownOutcome = strings(in);
            String score = nullable(in);
            String labels = text(in);
            int n = in.readInt();
            LinkedHashMap<String, double[]> bands = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String attr = text(in);
                double[] cuts = new double[in.readInt()];
                for (int j = 0; j < cuts.length; j++) {
                    cuts[j] = in.readDouble();
                }
                bands.put(attr, cuts);
            }
            return new ColumnSpec(new AuditColumns(groups, decision, java.util.Set.copyOf(favourableDecision), outcome,
                    java.util.Set.copyOf(favourableOutcome), java.util.Set.copyOf(unknownOutcome), score,
                    AuditColumns.Labels.valueOf(labels), bands, java.util.Set.copyOf(unfavourableDecision),
                    java.util.Set.copyOf(unfavourableOutcome)));
        }

        private static void strings(ObjectOutput out, List<String> l) throws IOException {
            out.writeInt(l.size());
            for (String v : l) {
                text(out, v);
            }
        }

        private static ArrayList<String> strings(ObjectInput in) throws IOException {
            int n = in.readInt();
            ArrayList<String> l = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                l.add(text(in));
            }
            return l;
        }

        private static void nullable(ObjectOutput out, String s) throws IOException {
            out.writeBoolean(s != null);
            if (s != null) {
                text(out, s);
            }
        }

        private static String nullable(ObjectInput in) throws IOException {
            return in.readBoolean() ? text(in) : null;
        }

        AuditColumns columns() {
            if (columns == null) {
                columns = new AuditColumns(groups, decision, java.util.Set.copyOf(favourableDecision), outcome,
                        java.util.Set.copyOf(favourableOutcome), java.util.Set.copyOf(unknownOutcome), score,
                        AuditColumns.Labels.valueOf(labels), bands, java.util.Set.copyOf(unfavourableDecision),
                        java.util.Set.copyOf(unfavourableOutcome));
            }
            return columns;
        }
    }
}
