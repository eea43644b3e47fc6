package io.infrasight.store.common;

/**
 * Logical column types; each store maps them to its own SQL types. Row values are: TIME a Long of
 * nanoseconds since the epoch, INT32 an Integer, INT64 a Long, BOOL a Boolean, STRING a String,
 * STRING_ARRAY a List of String, INT32_ARRAY an int[], INT64_ARRAY a long[].
 */
public enum ColType {
    TIME, INT32, INT64, BOOL, STRING, STRING_ARRAY, INT32_ARRAY, INT64_ARRAY
}
