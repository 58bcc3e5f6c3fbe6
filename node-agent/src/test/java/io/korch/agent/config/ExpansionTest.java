package io.korch.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code $(VAR)} expansion, with the cases of Kubernetes' own expansion tests. */
class ExpansionTest {

    private static final Map<String, String> VARS = Map.of(
            "VAR_A", "A", "VAR_B", "B", "VAR_C", "C", "VAR_REF", "$(VAR_A)", "VAR_EMPTY", "");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "whole string                | $(VAR_A)                 | A",
            "repeat                      | $(VAR_A)-$(VAR_A)        | A-A",
            "compound                    | $(VAR_A)_$(VAR_B)_$(VAR_C) | A_B_C",
            "escape and expand           | $$(VAR_B)_$(VAR_A)       | $(VAR_B)_A",
            "mixed in escapes            | f000-$$VAR_A             | f000-$VAR_A",
            "nested references           | $(VAR_A$(VAR_B))         | $(VAR_A$(VAR_B))",
            "value is a reference        | $(VAR_REF)               | $(VAR_A)",
            "empty var                   | foo$(VAR_EMPTY)bar       | foobar",
            "unterminated expression     | foo$(VAR_Awhoops!        | foo$(VAR_Awhoops!",
            "shell special vars          | $?_boo_$!                | $?_boo_$!",
            "bare operators are ignored  | $VAR_A                   | $VAR_A",
            "undefined vars pass through | $(VAR_DNE)               | $(VAR_DNE)",
            "even operators, undefined   | $$$$$$(BIG_MONEY)        | $$$(BIG_MONEY)",
            "odd operators, defined      | $$$$$$$(VAR_A)           | $$$A",
            "shell syntax ignored        | ${VAR_A}                 | ${VAR_A}",
            "trailing incomplete         | $(VAR_B)_______$(A       | B_______$(A",
            "trailing empty incomplete   | $(VAR_C)_______$(        | C_______$(",
            "operator at the end         | $(VAR_A)foobarzab$       | Afoobarzab$",
            "lots of $( in the middle    | --$($($($($--            | --$($($($($--",
            "escaped operators in names  | $(foo$$var)              | $(foo$$var)",
    })
    void expandsAsKubernetesDoes(String name, String input, String expected) {
        assertThat(Expansion.expand(input, VARS::get)).isEqualTo(expected);
    }
}
