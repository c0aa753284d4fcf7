package org.fairpath.fairness.monitor;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One live input: when it was seen and its attribute values (Double, String, Boolean, or null when unknown).
 *
 * @param time   when the input was seen
 * @param values attribute values by name
 */
public record Observation(Instant time, Map<String, Object> values) {
    public Observation {
        Objects.requireNonNull(time, "time");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
