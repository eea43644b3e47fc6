package io.infrasight.enrich.container.internal;

import io.infrasight.api.event.ContextKeys;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a process runs: a container of some runtime, the host, or unknown. {@code values} is the
 * context to add, built once per reference so that warm events cost one map lookup.
 *
 * @param runtime  docker, containerd, cri-o, podman, lxc, cri, host or unknown
 * @param id       container id (full), "host", or "unknown"
 * @param podUid   Kubernetes pod UID from a kubepods path, or null
 * @param name     container name from the runtime API, or null
 * @param image    image from the runtime API, or null
 * @param labels   labels from the runtime API, or null
 */
record ContainerRef(String runtime, String id, String podUid, String name, String image, Map<String, String> labels,
        Map<String, Object> values) {

    static final ContainerRef HOST = of(ContextKeys.HOST, ContextKeys.HOST, null);
    static final ContainerRef UNKNOWN = of(ContextKeys.UNKNOWN, ContextKeys.UNKNOWN, null);

    static ContainerRef of(String runtime, String id, String podUid) {
        return build(runtime, id, podUid, null, null, null);
    }

    /** A container of a runtime we recognised (an unknown shape with an id-like segment is not). */
    boolean isContainer() {
        return !ContextKeys.HOST.equals(runtime) && !ContextKeys.UNKNOWN.equals(runtime);
    }

    ContainerRef withDetails(String n, String img, Map<String, String> l) {
        return build(runtime, id, podUid, n, img, l);
    }

    private static ContainerRef build(String runtime, String id, String podUid, String name, String image,
            Map<String, String> labels) {
        LinkedHashMap<String, Object> v = new LinkedHashMap<>(8);
        v.put(ContextKeys.CONTAINER_ID, id);
        v.put(ContextKeys.CONTAINER_RUNTIME, runtime);
        if (name != null) {
            v.put(ContextKeys.CONTAINER_NAME, name);
        }
        if (image != null) {
            v.put(ContextKeys.CONTAINER_IMAGE, image);
        }
        if (labels != null && !labels.isEmpty()) {
            v.put(ContextKeys.CONTAINER_LABELS, labels);
        }
        if (podUid != null) {
            v.put(ContextKeys.K8S_POD_UID, podUid);
        }
        return new ContainerRef(runtime, id, podUid, name, image, labels == null ? null : Map.copyOf(labels),
                Collections.unmodifiableMap(v));
    }
}
