package io.infrasight.k8s.controller.internal.crd;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Which InfraSight probes run on which nodes. The CRD shipped in k8s/ is generated from this class at
 * build time (crd-generator-maven-plugin), so the Java model and the cluster's schema cannot drift.
 * Namespaced so that the controller needs a Role in one namespace, not cluster-wide write rights.
 */
@Group(EbpfDaemonSet.GROUP)
@Version(EbpfDaemonSet.VERSION)
@Kind("EbpfDaemonSet")
@Plural("ebpfdaemonsets")
@ShortNames("ebpfds")
public class EbpfDaemonSet extends CustomResource<EbpfDaemonSetSpec, EbpfDaemonSetStatus> implements Namespaced {
    public static final String GROUP = "infrasight.io";
    public static final String VERSION = "v1alpha1";
    private static final long serialVersionUID = 1L;
}
