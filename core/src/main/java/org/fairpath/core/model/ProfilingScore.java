package org.fairpath.core.model;

import java.util.Locale;

/**
 * The estimated chance that the jobseeker is still unemployed after the horizon, with its interval and segment.
 * It is support information for the counsellor, never a label for the person: the probability and interval always
 * travel with the segment, and a segment whose interval crosses a cut point is marked uncertain.
 *
 * @param probability      P(still unemployed after the horizon)
 * @param lower            lower bound of its interval from the bags (NaN with fewer than two bags)
 * @param upper            upper bound of its interval from the bags (NaN with fewer than two bags)
 * @param segment          1-based segment number, 1 = lowest chance of long-term unemployment
 * @param segments         number of segments
 * @param segmentFrom      lower cut of the segment (0 for the first)
 * @param segmentTo        upper cut of the segment (1 for the last)
 * @param segmentUncertain whether the interval reaches into another segment
 */
public record ProfilingScore(double probability, double lower, double upper, int segment, int segments,
                             double segmentFrom, double segmentTo, boolean segmentUncertain) {

    /** E.g. {@code "42.3% chance of still being unemployed after the horizon (90% interval 38.1%-47.0%); segment 2 of 3
     * (35%-60%)"}. */
    public String describe(double confidence) {
        String interval = Double.isNaN(lower) ? "no interval"
                : String.format(Locale.ROOT, "%.0f%% interval %.1f%%-%.1f%%", confidence * 100, lower * 100,
                upper * 100);
        return String.format(Locale.ROOT, "%.1f%% chance of still being unemployed after the horizon (%s); segment %d"
                        + " of %d (%.0f%%-%.0f%%)%s", probability * 100, interval, segment, segments,
                segmentFrom * 100, segmentTo * 100, segmentUncertain ? ", but the interval reaches into a neighbouring"
                        + " segment" : "");
    }
}
