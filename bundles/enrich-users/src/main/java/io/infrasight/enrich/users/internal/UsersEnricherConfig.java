package io.infrasight.enrich.users.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight users enricher",
        description = "Names the uid, euid and gid of each event from the host's passwd and group files.")
public @interface UsersEnricherConfig {
    String PID = "io.infrasight.enrich.users";

    @AttributeDefinition(name = "passwd file",
            description = "An agent in a container points this at the host's file, e.g. /host/etc/passwd.")
    String passwd_path() default "/etc/passwd";

    @AttributeDefinition(name = "group file", description = "e.g. /host/etc/group in an agent container.")
    String group_path() default "/etc/group";

    @AttributeDefinition(name = "Refresh interval (ms)", min = "100",
            description = "How often the files are checked for changes (size, mtime, inode).")
    int refresh_interval_ms() default 2000;

    @AttributeDefinition(name = "Early reload spacing (ms)", min = "10",
            description = "An event with an unknown id triggers an early reload, at most this often.")
    int min_reload_ms() default 250;
}
