package io.infrasight.api.event;

/** Where a process is in its life, for interval events. */
public enum Lifecycle {
    START, RUNNING, EXIT
}
