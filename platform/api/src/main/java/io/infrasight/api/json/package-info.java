/** The one JSON form of events and alerts, shared by every sink. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.1")
package io.infrasight.api.json;
