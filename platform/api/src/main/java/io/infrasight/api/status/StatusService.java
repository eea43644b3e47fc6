package io.infrasight.api.status;

import org.osgi.annotation.versioning.ProviderType;

/** Reports what the platform is doing. Cheap enough to call every second. */
@ProviderType
public interface StatusService {
    BusStatus status();
}
