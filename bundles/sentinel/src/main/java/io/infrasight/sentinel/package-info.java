/** What Sentinel tells about itself: loaded rules, their counters, and rejected rules with file, line and reason. */
@Export
@Version("1.0.0")
package io.infrasight.sentinel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
