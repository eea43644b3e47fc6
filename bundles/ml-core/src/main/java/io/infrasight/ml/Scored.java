package io.infrasight.ml;

import java.util.List;

/**
 * One decision on one interval vector (every decision, not only alerts: evaluation counts them).
 *
 * @param family    "resource", "syscall"
 * @param modelKey  the model that scored it, e.g. "process:global", "container:nginx:1.25"
 * @param level     what the vector describes
 * @param subject   the pid (PROCESS), the container key (CONTAINER) or "host"
 * @param pid       process id, 0 for aggregates
 * @param comm      process name, "" for aggregates
 * @param container container key: image, else container id, else "host"
 * @param timeNanos wall-clock time of the interval's end, ns since the epoch
 * @param score     the model's anomaly score (higher is more anomalous)
 * @param threshold the model's calibrated threshold
 * @param anomalous score above threshold
 * @param top       the features that deviated most, largest first
 * @param members   the pids whose interval vectors this vector is (PROCESS: the one pid) or sums
 */
public record Scored(String family, String modelKey, Level level, String subject, int pid, String comm,
        String container, long timeNanos, double score, double threshold, boolean anomalous, List<Contribution> top,
        List<Integer> members) {
    public Scored {
        top = top == null ? List.of() : List.copyOf(top);
        members = members == null ? List.of() : List.copyOf(members);
    }
}
