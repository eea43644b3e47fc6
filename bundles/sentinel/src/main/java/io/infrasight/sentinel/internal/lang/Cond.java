package io.infrasight.sentinel.internal.lang;

/** A compiled condition: plain Java over the event's fields, built once when the rule loads. */
@FunctionalInterface
public interface Cond {
    boolean test(Frame f);
}
