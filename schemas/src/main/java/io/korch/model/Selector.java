package io.korch.model;

import io.korch.api.LabelSelector;
import io.korch.api.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An immutable label selector with Kubernetes semantics: a list of requirements on an object's
 * labels that must all hold.
 *
 * <p>A selector comes either from the text syntax of {@code kubectl -l} ({@link #parse}) or from the
 * structured {@link LabelSelector} of a ReplicaSet or Deployment ({@link #of}). Keys and values are
 * validated with {@link Names} on the way in, so a selector that exists is well-formed.
 * {@link #toString()} renders the canonical text, which {@link #parse} reads back to an equal
 * selector.
 */
public final class Selector {

    private static final Selector EVERYTHING = new Selector(List.of(), false);
    private static final Selector NOTHING = new Selector(List.of(), true);

    private final List<Requirement> requirements;
    private final boolean matchesNothing;

    private Selector(List<Requirement> requirements, boolean matchesNothing) {
        this.requirements = List.copyOf(requirements);
        this.matchesNothing = matchesNothing;
    }

    /** The selector with no requirements, which matches every set of labels. */
    public static Selector everything() {
        return EVERYTHING;
    }

    /** The selector that matches no labels at all, which is what a missing selector means. */
    public static Selector nothing() {
        return NOTHING;
    }

    /**
     * Parses the {@code kubectl -l} syntax: comma-separated requirements {@code key=value},
     * {@code key==value}, {@code key!=value}, {@code key in (a,b)}, {@code key notin (a,b)},
     * {@code key} and {@code !key}, with any whitespace between tokens. A null or blank text is
     * {@link #everything()}.
     *
     * @throws IllegalArgumentException naming the offending part when the text is not a valid selector
     */
    public static Selector parse(String text) {
        if (text == null) {
            return EVERYTHING;
        }
        return new Selector(new Parser(text).requirements(), false);
    }

    /**
     * Converts a structured selector: each {@code matchLabels} entry becomes an equality requirement
     * (in key order), followed by the {@code matchExpressions} in their order. A null selector is
     * {@link #nothing()}; an empty one is {@link #everything()}.
     *
     * @throws IllegalArgumentException on an unknown operator, a wrong number of values, or an
     *                                  invalid key or value
     */
    public static Selector of(LabelSelector selector) {
        if (selector == null) {
            return NOTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        new TreeMap<>(orEmpty(selector.getMatchLabels())).forEach((key, value) ->
                requirements.add(structured(key, Operator.EQUALS, Collections.singleton(value))));
        for (LabelSelectorRequirement expression : orEmpty(selector.getMatchExpressions())) {
            Operator operator = apiOperator(expression);
            requirements.add(structured(expression.getKey(), operator, orEmpty(expression.getValues())));
        }
        return new Selector(requirements, false);
    }

    /** Whether every requirement holds for {@code labels}; null labels count as no labels. */
    public boolean matches(Map<String, String> labels) {
        if (matchesNothing) {
            return false;
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(requirement -> requirement.matches(actual));
    }

    /** Whether this selector matches everything; {@link #nothing()} is not empty. */
    public boolean isEmpty() {
        return !matchesNothing && requirements.isEmpty();
    }

    /** The requirements, in the order they were written; empty for both everything and nothing. */
    public List<Requirement> requirements() {
        return requirements;
    }

    /**
     * The canonical text: {@code app=web,tier in (a,b),!legacy}. Everything renders as the empty
     * string; nothing renders as {@code <nothing>}, which {@link #parse} rejects rather than
     * silently widening it to everything.
     */
    @Override
    public String toString() {
        if (matchesNothing) {
            return "<nothing>";
        }
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Selector that
                && matchesNothing == that.matchesNothing
                && requirements.equals(that.requirements);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requirements, matchesNothing);
    }

    private static Requirement structured(String key, Operator operator, Collection<String> values) {
        try {
            return new Requirement(key, operator, new HashSet<>(values));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid label selector: " + e.getMessage(), e);
        }
    }

    private static Operator apiOperator(LabelSelectorRequirement expression) {
        String name = expression.getOperator() == null ? "" : expression.getOperator();
        return switch (name) {
            case "In" -> Operator.IN;
            case "NotIn" -> Operator.NOT_IN;
            case "Exists" -> Operator.EXISTS;
            case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
            default -> throw new IllegalArgumentException("invalid label selector: unknown operator \""
                    + name + "\" for key \"" + expression.getKey() + "\"");
        };
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** How a requirement compares a label's value with its values. */
    public enum Operator {
        EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST
    }

    /**
     * One condition on one label. Values are kept sorted and unmodifiable: exactly one for
     * {@code EQUALS} and {@code NOT_EQUALS}, at least one for {@code IN} and {@code NOT_IN}, none for
     * {@code EXISTS} and {@code DOES_NOT_EXIST}. A label whose value is null counts as absent.
     */
    public record Requirement(String key, Operator operator, Set<String> values) {

        /** @throws IllegalArgumentException when the key, a value or the number of values is invalid */
        public Requirement {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(values, "values");
            String problem = problem(key, operator, values);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            values = Collections.unmodifiableSortedSet(new TreeSet<>(values));
        }

        /**
         * Whether the requirement holds for {@code labels}. As in Kubernetes, {@code NOT_EQUALS}
         * and {@code NOT_IN} hold when the key is absent.
         */
        public boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            boolean present = value != null;
            return switch (operator) {
                case EQUALS, IN -> present && values.contains(value);
                case NOT_EQUALS, NOT_IN -> !present || !values.contains(value);
                case EXISTS -> present;
                case DOES_NOT_EXIST -> !present;
            };
        }

        /** The requirement in selector text: {@code a=b}, {@code a!=b}, {@code a in (b,c)}, {@code !a}. */
        @Override
        public String toString() {
            return switch (operator) {
                case EQUALS -> key + "=" + values.iterator().next();
                case NOT_EQUALS -> key + "!=" + values.iterator().next();
                case IN -> key + " in (" + String.join(",", values) + ")";
                case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
                case EXISTS -> key;
                case DOES_NOT_EXIST -> "!" + key;
            };
        }

        private static String problem(String key, Operator operator, Set<String> values) {
            String keyProblem = Names.checkLabelKey(key);
            if (keyProblem != null) {
                return "invalid label key " + quote(key) + ": " + keyProblem;
            }
            String countProblem = countProblem(operator, values.size());
            if (countProblem != null) {
                return countProblem + " for key " + quote(key);
            }
            for (String value : values) {
                String valueProblem = Names.checkLabelValue(value);
                if (valueProblem != null) {
                    return "invalid label value " + quote(value) + " for key " + quote(key) + ": " + valueProblem;
                }
            }
            return null;
        }

        private static String countProblem(Operator operator, int count) {
            return switch (operator) {
                case EQUALS, NOT_EQUALS -> count == 1 ? null : operator + " needs exactly one value, not " + count;
                case IN, NOT_IN -> count > 0 ? null : operator + " needs at least one value";
                case EXISTS, DOES_NOT_EXIST -> count == 0 ? null : operator + " takes no values";
            };
        }

        private static String quote(String text) {
            return text == null ? "null" : "\"" + text + "\"";
        }
    }

    /**
     * Reads the {@code kubectl -l} syntax by recursive descent over a token list; one instance per
     * text. Words are keys or values by position, so {@code in} and {@code notin} are only keywords
     * where an operator is expected.
     */
    private static final class Parser {

        private static final String SYMBOLS = "=!(),";

        private enum Kind { WORD, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, BANG, OPEN, CLOSE, COMMA, END }

        private record Token(Kind kind, String text) {
            String describe() {
                return kind == Kind.END ? "end of string" : "\"" + text + "\"";
            }
        }

        private final String input;
        private final List<Token> tokens;
        private int next;

        Parser(String input) {
            this.input = input;
            this.tokens = tokenize(input);
        }

        List<Requirement> requirements() {
            List<Requirement> result = new ArrayList<>();
            if (peek().kind() == Kind.END) {
                return result;
            }
            do {
                result.add(requirement());
            } while (accept(Kind.COMMA));
            if (peek().kind() != Kind.END) {
                throw error("expected \",\" but found " + peek().describe());
            }
            return result;
        }

        private Requirement requirement() {
            if (accept(Kind.BANG)) {
                return build(key(), Operator.DOES_NOT_EXIST, Set.of());
            }
            String key = key();
            Token operatorToken = peek();
            Operator operator = operatorAfter(key, operatorToken);
            if (operator == Operator.EXISTS) {
                return build(key, operator, Set.of());
            }
            next++;
            return build(key, operator, valuesAfter(operator, operatorToken));
        }

        private String key() {
            Token token = take();
            if (token.kind() != Kind.WORD) {
                throw error("expected a label key but found " + token.describe());
            }
            return token.text();
        }

        private Operator operatorAfter(String key, Token token) {
            return switch (token.kind()) {
                case COMMA, END -> Operator.EXISTS;
                case EQUALS, DOUBLE_EQUALS -> Operator.EQUALS;
                case NOT_EQUALS -> Operator.NOT_EQUALS;
                case WORD -> setOperator(key, token);
                default -> throw expectedOperator(key, token);
            };
        }

        private Operator setOperator(String key, Token token) {
            return switch (token.text()) {
                case "in" -> Operator.IN;
                case "notin" -> Operator.NOT_IN;
                default -> throw expectedOperator(key, token);
            };
        }

        private IllegalArgumentException expectedOperator(String key, Token token) {
            return error("expected \"=\", \"==\", \"!=\", \"in\" or \"notin\" after \"" + key + "\" but found "
                    + token.describe());
        }

        private Set<String> valuesAfter(Operator operator, Token operatorToken) {
            return operator == Operator.IN || operator == Operator.NOT_IN
                    ? valueList(operatorToken)
                    : Set.of(value(operatorToken));
        }

        /** A single value; nothing before the next comma or the end is the empty value. */
        private String value(Token operatorToken) {
            Token token = peek();
            if (token.kind() == Kind.WORD) {
                next++;
                return token.text();
            }
            if (token.kind() == Kind.COMMA || token.kind() == Kind.END) {
                return "";
            }
            throw error("expected a value after " + operatorToken.describe() + " but found " + token.describe());
        }

        /** {@code (a,b)}; as in Kubernetes, an omitted item is the empty value, so {@code ()} is {""}. */
        private Set<String> valueList(Token operatorToken) {
            if (!accept(Kind.OPEN)) {
                throw error("expected \"(\" after " + operatorToken.describe());
            }
            Set<String> values = new HashSet<>();
            do {
                values.add(peek().kind() == Kind.WORD ? take().text() : "");
            } while (accept(Kind.COMMA));
            if (!accept(Kind.CLOSE)) {
                throw error("expected \",\" or \")\" but found " + peek().describe());
            }
            return values;
        }

        private Requirement build(String key, Operator operator, Set<String> values) {
            try {
                return new Requirement(key, operator, values);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(prefix() + e.getMessage(), e);
            }
        }

        private Token peek() {
            return tokens.get(next);
        }

        /** The next token, staying on the end token once there. */
        private Token take() {
            Token token = tokens.get(next);
            if (token.kind() != Kind.END) {
                next++;
            }
            return token;
        }

        private boolean accept(Kind kind) {
            if (peek().kind() != kind) {
                return false;
            }
            next++;
            return true;
        }

        private IllegalArgumentException error(String detail) {
            return new IllegalArgumentException(prefix() + detail);
        }

        private String prefix() {
            return "invalid label selector \"" + input + "\": ";
        }

        private static List<Token> tokenize(String input) {
            List<Token> tokens = new ArrayList<>();
            int i = 0;
            while (i < input.length()) {
                if (Character.isWhitespace(input.charAt(i))) {
                    i++;
                    continue;
                }
                Token token = SYMBOLS.indexOf(input.charAt(i)) >= 0 ? symbol(input, i) : word(input, i);
                tokens.add(token);
                i += token.text().length();
            }
            tokens.add(new Token(Kind.END, ""));
            return tokens;
        }

        private static Token symbol(String input, int i) {
            boolean equalsFollows = i + 1 < input.length() && input.charAt(i + 1) == '=';
            return switch (input.charAt(i)) {
                case '=' -> equalsFollows ? new Token(Kind.DOUBLE_EQUALS, "==") : new Token(Kind.EQUALS, "=");
                case '!' -> equalsFollows ? new Token(Kind.NOT_EQUALS, "!=") : new Token(Kind.BANG, "!");
                case '(' -> new Token(Kind.OPEN, "(");
                case ')' -> new Token(Kind.CLOSE, ")");
                default -> new Token(Kind.COMMA, ",");
            };
        }

        private static Token word(String input, int start) {
            int end = start;
            while (end < input.length()
                    && !Character.isWhitespace(input.charAt(end))
                    && SYMBOLS.indexOf(input.charAt(end)) < 0) {
                end++;
            }
            return new Token(Kind.WORD, input.substring(start, end));
        }
    }
}
