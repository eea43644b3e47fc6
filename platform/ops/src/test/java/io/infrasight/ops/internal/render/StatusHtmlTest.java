package io.infrasight.ops.internal.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.status.BusStatus;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.SourceStatus;
import io.infrasight.ops.internal.Fixtures;
import io.infrasight.ops.internal.framework.FrameworkStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusHtmlTest {

    @Test
    void rendersTablesWithDropsAndFragments() {
        String html = StatusHtml.tables(Fixtures.status(), Fixtures.framework());
        assertTrue(html.contains("<td>jsonl</td><td>events</td><td>1229</td><td>10.0</td><td>3 / 65536</td>"
                + "<td>6</td><td>queue_full=5, subscriber_error=1</td><td>1</td>"), html);
        assertTrue(html.contains("<td>org.example.fragment</td><td>1.0.0</td><td>RESOLVED</td>"
                + "<td>fragment (RESOLVED is normal)</td>"), html);
        assertTrue(html.contains("<td>infrasight-standalone</td>"), html);
    }

    @Test
    void escapesEveryPieceOfText() {
        String evil = "<script>alert('x')</script>&\"";
        BusStatus s = new BusStatus(0, 0, 0, List.of(new SourceStatus(evil, "FAILED", evil, 0, 0, Map.of(evil, 1L))),
                List.of(), List.of(), List.of(new ConfigProblem(evil, evil, evil, evil)));
        String html = StatusHtml.tables(s, FrameworkStatus.empty());
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("'x'"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"), html);
        assertTrue(html.contains("Features service not available."), html);
    }
}
