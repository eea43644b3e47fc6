/** The event model: a common header and one immutable record per event kind (DESIGN.md §4). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.infrasight.api.event;
