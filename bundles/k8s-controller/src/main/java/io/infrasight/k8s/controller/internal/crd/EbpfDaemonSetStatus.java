package io.infrasight.k8s.controller.internal.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the controller last did and saw; written only through the status subresource. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EbpfDaemonSetStatus {
    @JsonPropertyDescription("metadata.generation of the spec this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Nodes that should run the agent (the DaemonSet's desiredNumberScheduled).")
    @PrinterColumn(name = "Desired")
    private Integer desiredNodes;

    @JsonPropertyDescription("Nodes whose agent pod is ready (the DaemonSet's numberReady).")
    @PrinterColumn(name = "Ready")
    private Integer readyNodes;

    @JsonPropertyDescription("The last reconcile error or rejected field; absent when the last reconcile succeeded.")
    @PrinterColumn(name = "Error", priority = 1)
    private String lastError;

    @JsonPropertyDescription("Valid (the spec was accepted), Applied (DaemonSet and ConfigMap match the spec), "
            + "Ready (every desired node runs a ready agent).")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Integer getDesiredNodes() {
        return desiredNodes;
    }

    public void setDesiredNodes(Integer desiredNodes) {
        this.desiredNodes = desiredNodes;
    }

    public Integer getReadyNodes() {
        return readyNodes;
    }

    public void setReadyNodes(Integer readyNodes) {
        this.readyNodes = readyNodes;
    }

    public String getLastError() {
        return lastError;
    }

    public void setLastError(String lastError) {
        this.lastError = lastError;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
