package org.fairpath.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

final class NamesTest {

    @Test
    void distance_handComputed() {
        assertEquals(0, Names.distance("demo", "demo", 10));
        assertEquals(1, Names.distance("dmeo", "demo", 10)); // one swap of neighbours
        assertEquals(1, Names.distance("dmeo", "demo", 2)); // below the limit: the distance itself
        assertEquals(3, Names.distance("kitten", "sitting", 10)); // k->s, e->i, +g
        assertEquals(3, Names.distance("ca", "abc", 10)); // optimal string alignment: no edit of a swapped pair
        assertEquals(4, Names.distance("", "abcd", 10));
        assertEquals(4, Names.distance("abcd", "", 10));
        assertEquals(2, Names.distance("abcdef", "badcfe", 2)); // three swaps, capped at the limit
        assertEquals(1, Names.distance("audti", "audit", 10));
    }

    @Test
    void nearest_withinTwoEdits_caseFirst() {
        assertEquals("demo", Names.nearest("dmeo", List.of("audit", "demo", "merge-counts", "recommend")));
        assertEquals("Age", Names.nearest("aGE", List.of("age2", "Age")));
        assertNull(Names.nearest("xyzzy", List.of("audit", "demo")));
    }
}
