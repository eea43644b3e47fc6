package io.infrasight.bench.mleval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.infrasight.api.event.Context;
import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.Lifecycle;
import io.infrasight.api.event.ResourceEvent;
import org.junit.jupiter.api.Test;

/** The container stand-in and the process labels. */
class LabelsTest {
    private static Event event(int pid, long cgroup, String comm) {
        return new ResourceEvent(new EventHeader(EventKind.RESOURCE, 1, 1, pid, pid, 1, 0, 0, 0, cgroup, comm, 0, 0, "n",
                Context.EMPTY), 1_000_000_000L, 1, 0, 0, 0, 0, 0, 1, Lifecycle.EXIT);
    }

    @Test
    void eventsOfTheHarnessGroupsGetTheirContainerKeysAndOthersAreHost() {
        Labels labels = new Labels();
        labels.register(42, new Labels.Group("build", "eval/build:1", "fork-storm"));
        Context ours = labels.enrich(event(100, 42, "true")).header().context();
        assertEquals("eval-build", ours.getString(ContextKeys.CONTAINER_ID));
        assertEquals("eval/build:1", ours.getString(ContextKeys.CONTAINER_IMAGE));
        assertEquals("fork-storm", labels.process(100).anomaly());
        assertEquals(ContextKeys.HOST, labels.enrich(event(101, 7, "mvn")).header().context().getString(ContextKeys.CONTAINER_ID));
        assertNull(labels.process(101), "a host process has no label");
    }

    @Test
    void aHostProcessThatGetsAPidAnAnomalyUsedBeforeIsNotLabelledWithThatAnomaly() {
        Labels labels = new Labels();
        labels.register(42, new Labels.Group("build", "eval/build:1", "fork-storm"));
        labels.enrich(event(100, 42, "true"));
        labels.enrich(event(100, 7, "bash"));   // pid 100 recycled on the host
        assertNull(labels.process(100), "the recycled pid still carries the fork storm's label");
    }
}
