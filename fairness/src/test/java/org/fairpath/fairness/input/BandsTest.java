package org.fairpath.fairness.input;

import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.GroupCounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

final class BandsTest {

    @Test
    void withBands_regroupsNumbersAndKeepsMissing() {
        AuditData d = AuditData.builder().group("age", new String[] {"23", "31", "29", "55", null})
                .decisions(new boolean[] {true, false, true, true, false}).build();
        AuditCounts c = AuditCounts.of(d.withBands("age", 30, 50), 1);
        assertEquals(new GroupCounts(2, 2, 0, 0, 0, 0), c.groups(List.of("age")).get(List.of("<30")));
        assertEquals(new GroupCounts(1, 0, 0, 0, 0, 0), c.groups(List.of("age")).get(List.of("30-50")));
        assertEquals(new GroupCounts(1, 1, 0, 0, 0, 0), c.groups(List.of("age")).get(List.of("50+")));
        assertEquals(new GroupCounts(1, 0, 0, 0, 0, 0), c.groups(List.of("age")).get(List.of(AuditData.MISSING)));
    }
}
