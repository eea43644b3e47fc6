/** Status DTOs and the platform services that report them. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.infrasight.api.status;
