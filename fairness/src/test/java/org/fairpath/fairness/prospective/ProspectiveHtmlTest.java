package org.fairpath.fairness.prospective;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class ProspectiveHtmlTest {

    @Test
    void esc_markupAndInvisibleCharacters_cannotReachThePage() {
        // a group label from a crafted schema level: markup is escaped, a right-to-left override (which would reverse
        // the sentence it stands in) and an escape sequence are shown as code points, as in the audit report
        assertEquals("&lt;b&gt;non_eu\\u202E &amp; \\u001B[2J&quot;&#39;",
                ProspectiveHtml.esc("<b>non_eu\u202E & \u001B[2J\"'"));
    }
}
