package io.korch.gateway.validation;

import static io.korch.gateway.testing.Fixtures.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pure tests of the namespace rules. */
class NamespaceValidatorTest {

    private final NamespaceValidator validator = new NamespaceValidator();

    @Test
    void acceptsADnsLabel() {
        assertThat(validator.validate(namespace("team-a"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"team.a", "Team", "team_a"})
    void refusesNamesThatAreNoDnsLabel(String name) {
        assertThat(validator.validate(namespace(name))).extracting(Cause::field).containsExactly("metadata.name");
    }

    @Test
    void requiresAName() {
        assertThat(validator.validate(namespace(null))).extracting(Cause::describe)
                .containsExactly("metadata.name: Required value");
    }
}
