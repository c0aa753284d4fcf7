package org.fairpath.fairness.audit;

import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.MetricFrame;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.Metric;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Time windows for trend audits: label each case by month or quarter, then audit each window separately.
 */
public final class Windows {

    private Windows() {
    }

    /** {@code 2026-03} for each ISO date or timestamp ({@code 2026-03-14}, {@code 2026-03-14T09:30:00Z}). */
    public static String[] months(String[] isoTimes) {
        String[] out = new String[isoTimes.length];
        for (int i = 0; i < out.length; i++) {
            LocalDate d = date(isoTimes[i], i);
            out[i] = String.format("%04d-%02d", d.getYear(), d.getMonthValue());
        }
        return out;
    }

    /** {@code 2026-Q1} for each ISO date or timestamp. */
    public static String[] quarters(String[] isoTimes) {
        String[] out = new String[isoTimes.length];
        for (int i = 0; i < out.length; i++) {
            LocalDate d = date(isoTimes[i], i);
            out[i] = d.getYear() + "-Q" + ((d.getMonthValue() - 1) / 3 + 1);
        }
        return out;
    }

    private static LocalDate date(String s, int row) {
        if (s == null || s.length() < 10) {
            throw new IllegalArgumentException("time[" + row + "] is '" + s + "'; allowed: an ISO-8601 date or"
                    + " timestamp such as 2026-03-14 or 2026-03-14T09:30:00Z");
        }
        try {
            return LocalDate.parse(s.substring(0, 10));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time[" + row + "] is '" + s + "'; allowed: an ISO-8601 date or"
                    + " timestamp such as 2026-03-14 or 2026-03-14T09:30:00Z");
        }
    }

    /**
     * The metric by {@code grouping} in each window, windows in label order (which is time order for
     * {@link #months} and {@link #quarters} labels).
     */
    public static Map<String, MetricFrame> trend(AuditData data, String[] windows, Metric metric,
                                                 List<String> grouping, AuditSettings settings) {
        if (windows.length != data.rows()) {
            throw new IllegalArgumentException("windows has " + windows.length + " labels; the data have "
                    + data.rows() + " rows");
        }
        Map<String, List<Integer>> rows = new TreeMap<>();
        for (int i = 0; i < windows.length; i++) {
            rows.computeIfAbsent(windows[i], w -> new ArrayList<>()).add(i);
        }
        Map<String, MetricFrame> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> e : rows.entrySet()) {
            AuditData w = data.subset(e.getValue().stream().mapToInt(Integer::intValue).toArray());
            out.put(e.getKey(), MetricFrame.of(AuditCounts.of(w, grouping.size()), metric, grouping, settings));
        }
        return out;
    }
}
