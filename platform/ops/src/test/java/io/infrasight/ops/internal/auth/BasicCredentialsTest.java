package io.infrasight.ops.internal.auth;

import static io.infrasight.ops.internal.Fixtures.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    @Test
    void parsesUserAndPassword() {
        BasicCredentials c = BasicCredentials.parse(basic("karaf:s3cret")).orElseThrow();
        assertEquals("karaf", c.user());
        assertEquals("s3cret", c.password());
    }

    @Test
    void passwordMayContainColonsAndUnicode() {
        BasicCredentials c = BasicCredentials.parse(basic("jörg:a:b:ç")).orElseThrow();
        assertEquals("jörg", c.user());
        assertEquals("a:b:ç", c.password());
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertTrue(BasicCredentials.parse("basic " + basic("u:p").substring(6)).isPresent());
    }

    @Test
    void rejectsMissingOrMalformedHeaders() {
        assertFalse(BasicCredentials.parse(null).isPresent());
        assertFalse(BasicCredentials.parse("").isPresent());
        assertFalse(BasicCredentials.parse("Basic").isPresent());
        assertFalse(BasicCredentials.parse("Basic ").isPresent());
        assertFalse(BasicCredentials.parse("Bearer abc.def").isPresent());
        assertFalse(BasicCredentials.parse("BasicdXNlcjpwYXNz").isPresent());
        assertFalse(BasicCredentials.parse("Basic !!!not-base64!!!").isPresent());
        assertFalse(BasicCredentials.parse(basic("no-colon")).isPresent());
        assertFalse(BasicCredentials.parse(basic(":password-without-user")).isPresent());
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertFalse(BasicCredentials.parse(basic("karaf:s3cret")).orElseThrow().toString().contains("s3cret"));
    }
}
