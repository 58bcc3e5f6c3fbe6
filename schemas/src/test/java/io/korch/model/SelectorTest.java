package io.korch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.api.LabelSelector;
import io.korch.api.LabelSelectorRequirement;
import io.korch.model.Selector.Operator;
import io.korch.model.Selector.Requirement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SelectorTest {

    private static final String VALUE_MESSAGE = "a valid label must be an empty string or consist of "
            + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final String NAME_PART_MESSAGE = "name part must consist of alphanumeric characters, "
            + "'-', '_' or '.', and must start and end with an alphanumeric character";

    /** Labels from {@code "k=v,k2=v2"}; the empty string is no labels. */
    private static Map<String, String> labels(String pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : pairs.split(",")) {
            if (!pair.isEmpty()) {
                String[] keyValue = pair.split("=", -1);
                labels.put(keyValue[0], keyValue[1]);
            }
        }
        return labels;
    }

    private static LabelSelectorRequirement expression(String key, String operator, String... values) {
        return new LabelSelectorRequirement(key, operator, List.of(values));
    }

    private static LabelSelector structured(Map<String, String> matchLabels, LabelSelectorRequirement... expressions) {
        return LabelSelector.newBuilder()
                .setMatchLabels(matchLabels)
                .setMatchExpressions(List.of(expressions))
                .build();
    }

    @ParameterizedTest(name = "\"{0}\" on [{1}] -> {2}")
    @CsvSource(delimiter = '|', value = {
        "app=web              | app=web              | true",
        "app=web              | app=db               | false",
        "app=web              | ''                   | false",
        "app==web             | app=web              | true",
        "app==web             | app=db               | false",
        "app!=web             | app=db               | true",
        "app!=web             | app=web              | false",
        "tier in (fe,be)      | tier=fe              | true",
        "tier in (fe,be)      | tier=be              | true",
        "tier in (fe,be)      | tier=db              | false",
        "tier in (fe,be)      | ''                   | false",
        "tier notin (fe,be)   | tier=db              | true",
        "tier notin (fe,be)   | tier=fe              | false",
        "app                  | app=                 | true",
        "app                  | app=web              | true",
        "app                  | tier=web             | false",
        "!app                 | tier=web             | true",
        "!app                 | app=                 | false",
        "a=                   | a=                   | true",
        "a=                   | a=x                  | false",
        "a=                   | ''                   | false",
        "a!=                  | a=x                  | true",
        "a!=                  | a=                   | false",
        "a in ()              | a=                   | true",
        "a in (,x)            | a=                   | true",
        "a in (,x)            | a=x                  | true",
        "app=web,tier in (fe) | app=web,tier=fe      | true",
        "app=web,tier in (fe) | app=web,tier=be      | false",
        "app=web,tier in (fe) | tier=fe              | false",
        "app=web,!legacy      | app=web,legacy=true  | false",
        "app=web,!legacy      | app=web,other=true   | true",
        "app.kubernetes.io/name=web | app.kubernetes.io/name=web | true",
        "app.kubernetes.io/name=web | name=web                   | false",
        "App=Web              | App=Web              | true",
        "App=Web              | app=web              | false",
    })
    void matchesLabelsLikeKubernetes(String selector, String labels, boolean expected) {
        assertThat(Selector.parse(selector).matches(labels(labels))).isEqualTo(expected);
    }

    @Test
    void notEqualsMatchesWhenKeyIsAbsent() {
        assertThat(Selector.parse("app!=web").matches(Map.of("tier", "fe"))).isTrue();
    }

    @Test
    void notInMatchesWhenKeyIsAbsent() {
        assertThat(Selector.parse("tier notin (fe,be)").matches(Map.of("app", "web"))).isTrue();
    }

    @Test
    void nullLabelsAreTreatedAsNoLabels() {
        assertThat(Selector.parse("app!=web,!tier").matches(null)).isTrue();
        assertThat(Selector.parse("app").matches(null)).isFalse();
    }

    @Test
    void labelWithNullValueCountsAsAbsent() {
        Map<String, String> labels = new HashMap<>();
        labels.put("app", null);

        assertThat(Selector.parse("!app").matches(labels)).isTrue();
        assertThat(Selector.parse("app notin (web)").matches(labels)).isTrue();
        assertThat(Selector.parse("app").matches(labels)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void blankTextMatchesEverything(String text) {
        Selector selector = Selector.parse(text);

        assertThat(selector.isEmpty()).isTrue();
        assertThat(selector.requirements()).isEmpty();
        assertThat(selector.matches(Map.of())).isTrue();
        assertThat(selector.matches(Map.of("any", "thing"))).isTrue();
        assertThat(selector).isEqualTo(Selector.everything());
        assertThat(selector).hasToString("");
    }

    @Test
    void nothingMatchesNoLabelsAndIsNotEmpty() {
        Selector nothing = Selector.nothing();

        assertThat(nothing.matches(Map.of())).isFalse();
        assertThat(nothing.matches(Map.of("app", "web"))).isFalse();
        assertThat(nothing.isEmpty()).isFalse();
        assertThat(nothing.requirements()).isEmpty();
        assertThat(nothing).isNotEqualTo(Selector.everything());
    }

    @Test
    void nothingRendersAsTextThatParseRejects() {
        String text = Selector.nothing().toString();

        assertThat(text).isEqualTo("<nothing>");
        assertThatIllegalArgumentException().isThrownBy(() -> Selector.parse(text));
    }

    @Test
    void parsesIntoRequirementsInWrittenOrder() {
        Selector selector = Selector.parse("app=web, tier in (b,a), !legacy, env!=prod, zone notin (x), canary");

        assertThat(selector.isEmpty()).isFalse();
        assertThat(selector.requirements()).containsExactly(
                new Requirement("app", Operator.EQUALS, Set.of("web")),
                new Requirement("tier", Operator.IN, Set.of("a", "b")),
                new Requirement("legacy", Operator.DOES_NOT_EXIST, Set.of()),
                new Requirement("env", Operator.NOT_EQUALS, Set.of("prod")),
                new Requirement("zone", Operator.NOT_IN, Set.of("x")),
                new Requirement("canary", Operator.EXISTS, Set.of()));
    }

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "app=web                                      | app=web",
        "app==web                                     | app=web",
        "'  app = web , tier in ( b , a ) , ! legacy '| app=web,tier in (a,b),!legacy",
        "tier notin (z,a,z)                           | tier notin (a,z)",
        "a!=b                                         | a!=b",
        "a                                            | a",
        "!a                                           | !a",
        "a=                                           | a=",
        "'a=,b'                                       | a=,b",
        "a in ()                                      | a in ()",
        "a in (,b)                                    | a in (,b)",
        "a in (b,)                                    | a in (,b)",
        "a in(b)                                      | a in (b)",
        "in in (notin)                                | in in (notin)",
        "notin notin (in)                             | notin notin (in)",
        "app.kubernetes.io/name in (web)              | app.kubernetes.io/name in (web)",
    })
    void rendersCanonicalText(String text, String canonical) {
        assertThat(Selector.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"app=web,tier in (a,b),!legacy", " x notin ( 1 , 2 ) , y != z ", "a in (,b),c=", "k"})
    void canonicalTextParsesBackToAnEqualSelector(String text) {
        Selector selector = Selector.parse(text);

        Selector reparsed = Selector.parse(selector.toString());

        assertThat(reparsed).isEqualTo(selector);
        assertThat(reparsed.hashCode()).isEqualTo(selector.hashCode());
    }

    @ParameterizedTest(name = "\"{0}\": {1}")
    @CsvSource(delimiter = '|', value = {
        "a in b          | expected \"(\" after \"in\"",
        "a notin b       | expected \"(\" after \"notin\"",
        "a in            | expected \"(\" after \"in\"",
        "a in (b         | expected \",\" or \")\" but found end of string",
        "a in (b c)      | expected \",\" or \")\" but found \"c\"",
        "a in (b=c)      | expected \",\" or \")\" but found \"=\"",
        "a in (b)c       | expected \",\" but found \"c\"",
        "a b             | expected \"=\", \"==\", \"!=\", \"in\" or \"notin\" after \"a\" but found \"b\"",
        "a (b)           | expected \"=\", \"==\", \"!=\", \"in\" or \"notin\" after \"a\" but found \"(\"",
        "a!              | expected \"=\", \"==\", \"!=\", \"in\" or \"notin\" after \"a\" but found \"!\"",
        "ain (b)         | expected \"=\", \"==\", \"!=\", \"in\" or \"notin\" after \"ain\" but found \"(\"",
        "',a'            | expected a label key but found \",\"",
        "'a,,b'          | expected a label key but found \",\"",
        "'a,'            | expected a label key but found end of string",
        "!               | expected a label key but found end of string",
        "!!a             | expected a label key but found \"!\"",
        "=b              | expected a label key but found \"=\"",
        "(a)             | expected a label key but found \"(\"",
        "!a=b            | expected \",\" but found \"=\"",
        "a=b c           | expected \",\" but found \"c\"",
        "a=b)            | expected \",\" but found \")\"",
        "a=b=c           | expected \",\" but found \"=\"",
        "a===b           | expected a value after \"==\" but found \"=\"",
        "a=(b)           | expected a value after \"=\" but found \"(\"",
        "a!=!b           | expected a value after \"!=\" but found \"!\"",
    })
    void rejectsMalformedSyntaxNamingTheBadPart(String text, String detail) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Selector.parse(text))
                .withMessage("invalid label selector \"" + text + "\": " + detail);
    }

    @Test
    void rejectsInWithoutParenthesesWithTheDocumentedMessage() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Selector.parse("a in b"))
                .withMessage("invalid label selector \"a in b\": expected \"(\" after \"in\"");
    }

    @ParameterizedTest(name = "\"{0}\": {1}")
    @CsvSource(delimiter = '|', value = {
        "-a=b       | invalid label key \"-a\": " + NAME_PART_MESSAGE,
        "a>1        | invalid label key \"a>1\": " + NAME_PART_MESSAGE,
        "!_x        | invalid label key \"_x\": " + NAME_PART_MESSAGE,
        "a/b/c      | invalid label key \"a/b/c\": a qualified name must be a name with an optional DNS "
            + "subdomain prefix and '/' (e.g. 'example.com/MyName')",
        "/a=b       | invalid label key \"/a\": prefix part must be non-empty",
        "a=-b       | invalid label value \"-b\" for key \"a\": " + VALUE_MESSAGE,
        "a!=b.      | invalid label value \"b.\" for key \"a\": " + VALUE_MESSAGE,
        "a in (b,-c) | invalid label value \"-c\" for key \"a\": " + VALUE_MESSAGE,
    })
    void rejectsInvalidKeysAndValuesNamingThem(String text, String detail) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Selector.parse(text))
                .withMessage("invalid label selector \"" + text + "\": " + detail);
    }

    @Test
    void rejectsValueLongerThan63Characters() {
        String value = "v".repeat(64);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Selector.parse("a=" + value))
                .withMessageEndingWith(": invalid label value \"" + value + "\" for key \"a\": "
                        + "must be no more than 63 characters");
    }

    @Test
    void acceptsKeyWithLongestPrefixAndName() {
        String key = "p".repeat(253) + "/" + "n".repeat(63);

        Selector selector = Selector.parse(key + "=" + "v".repeat(63));

        assertThat(selector.matches(Map.of(key, "v".repeat(63)))).isTrue();
    }

    @Test
    void convertsStructuredSelectorWithMatchLabelsInKeyOrderThenExpressions() {
        Map<String, String> matchLabels = new LinkedHashMap<>();
        matchLabels.put("tier", "fe");
        matchLabels.put("app", "web");
        LabelSelector structured = structured(matchLabels,
                expression("env", "In", "prod", "staging"),
                expression("track", "NotIn", "canary"),
                expression("owner", "Exists"),
                expression("legacy", "DoesNotExist"));

        Selector selector = Selector.of(structured);

        assertThat(selector).hasToString(
                "app=web,tier=fe,env in (prod,staging),track notin (canary),owner,!legacy");
        assertThat(selector).isEqualTo(Selector.parse(selector.toString()));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "app=web,tier=fe,env=prod,owner=me  | true",
        "app=web,tier=fe,env=prod,owner=me,legacy=1 | false",
        "app=web,tier=fe,env=dev,owner=me   | false",
        "app=web,tier=fe,env=prod           | false",
        "app=web,env=prod,owner=me          | false",
    })
    void structuredSelectorRequiresAllLabelsAndExpressions(String labels, boolean expected) {
        Selector selector = Selector.of(structured(Map.of("app", "web", "tier", "fe"),
                expression("env", "In", "prod"),
                expression("owner", "Exists"),
                expression("legacy", "DoesNotExist")));

        assertThat(selector.matches(labels(labels))).isEqualTo(expected);
    }

    @Test
    void nullStructuredSelectorMatchesNothing() {
        assertThat(Selector.of(null)).isEqualTo(Selector.nothing());
        assertThat(Selector.of(null).matches(Map.of())).isFalse();
    }

    @Test
    void emptyStructuredSelectorMatchesEverything() {
        Selector selector = Selector.of(new LabelSelector());

        assertThat(selector.isEmpty()).isTrue();
        assertThat(selector.matches(Map.of("app", "web"))).isTrue();
    }

    @Test
    void structuredExpressionsWithDuplicateValuesCollapse() {
        Selector selector = Selector.of(structured(Map.of(), expression("env", "In", "prod", "prod", "dev")));

        assertThat(selector.requirements().get(0).values()).containsExactly("dev", "prod");
    }

    @ParameterizedTest(name = "operator \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "in            | unknown operator \"in\" for key \"env\"",
        "Equals        | unknown operator \"Equals\" for key \"env\"",
        "''            | unknown operator \"\" for key \"env\"",
    })
    void rejectsUnknownStructuredOperator(String operator, String detail) {
        LabelSelector structured = structured(Map.of(), expression("env", operator, "prod"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Selector.of(structured))
                .withMessage("invalid label selector: " + detail);
    }

    @Test
    void rejectsNullStructuredOperator() {
        LabelSelector structured = structured(Map.of(), new LabelSelectorRequirement("env", null, List.of()));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Selector.of(structured))
                .withMessage("invalid label selector: unknown operator \"\" for key \"env\"");
    }

    @Test
    void rejectsStructuredInWithoutValues() {
        LabelSelector structured = structured(Map.of(), expression("env", "In"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Selector.of(structured))
                .withMessage("invalid label selector: IN needs at least one value for key \"env\"");
    }

    @Test
    void rejectsStructuredExistsWithValues() {
        LabelSelector structured = structured(Map.of(), expression("env", "Exists", "prod"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Selector.of(structured))
                .withMessage("invalid label selector: EXISTS takes no values for key \"env\"");
    }

    @Test
    void rejectsStructuredInvalidMatchLabel() {
        LabelSelector structured = structured(Map.of("app", "web!"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Selector.of(structured))
                .withMessage("invalid label selector: invalid label value \"web!\" for key \"app\": " + VALUE_MESSAGE);
    }

    @Test
    void rejectsStructuredInvalidExpressionKey() {
        LabelSelector structured = structured(Map.of(), expression("Bad Key", "Exists"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Selector.of(structured))
                .withMessage("invalid label selector: invalid label key \"Bad Key\": " + NAME_PART_MESSAGE);
    }

    @ParameterizedTest(name = "{0} with {1} values")
    @CsvSource({"EQUALS, 0", "EQUALS, 2", "NOT_EQUALS, 0", "IN, 0", "NOT_IN, 0", "EXISTS, 1", "DOES_NOT_EXIST, 2"})
    void requirementRejectsWrongNumberOfValues(Operator operator, int count) {
        Set<String> values = Set.of("a", "b").stream().limit(count).collect(Collectors.toSet());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Requirement("k", operator, values))
                .withMessageStartingWith(operator.name())
                .withMessageEndingWith(" for key \"k\"");
    }

    @Test
    void requirementValuesAreSortedAndUnmodifiable() {
        Requirement requirement = new Requirement("k", Operator.IN, Set.of("c", "a", "b"));

        assertThat(requirement.values()).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> requirement.values().add("d")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void selectorRequirementsAreUnmodifiable() {
        List<Requirement> requirements = Selector.parse("a,b").requirements();

        assertThatThrownBy(() -> requirements.add(requirements.get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
