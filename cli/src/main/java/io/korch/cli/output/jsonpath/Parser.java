package io.korch.cli.output.jsonpath;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JSONPath template into text and actions with the grammar of Kubernetes'
 * {@code util/jsonpath} parser, which kubectl uses: text outside braces is literal; inside them
 * {@code @} and {@code $} stand for the current object, {@code .name} selects a field (a backslash
 * escapes a dot), {@code [i]}, {@code [a:b:c]} and {@code [*]} index arrays, {@code ['key']} selects
 * a key, {@code [a,b]} is a union, {@code [?(@.x OP y)]} filters, {@code ..} descends, quoted text
 * is literal and {@code range}/{@code end} loop.
 */
final class Parser {

    private static final Pattern DICT_KEY = Pattern.compile("^'([^']*)'$");
    private static final Pattern SLICE = Pattern.compile("^(-?\\d*)(:-?\\d*)?(:-?\\d*)?$");
    private static final Pattern COMPARISON = Pattern.compile("^([^!<>=]+)([!<>=~]+)(.+?)$");

    private final String input;
    private int pos;

    private Parser(String input) {
        this.input = input;
    }

    /** The template's top-level nodes: {@link Node.Text} and {@link Node.Steps}, one per action. */
    static List<Node> parse(String template) {
        return new Parser(template).template();
    }

    /** The steps of {@code text} as if it were written between braces. */
    private static Node.Steps action(String text) {
        return (Node.Steps) parse("{" + text + "}").get(0);
    }

    private List<Node> template() {
        List<Node> nodes = new ArrayList<>();
        while (pos < input.length()) {
            int brace = input.indexOf('{', pos);
            if (brace < 0) {
                nodes.add(new Node.Text(input.substring(pos)));
                break;
            }
            if (brace > pos) {
                nodes.add(new Node.Text(input.substring(pos, brace)));
            }
            pos = brace + 1;
            nodes.add(new Node.Steps(insideAction()));
        }
        return nodes;
    }

    private List<Node> insideAction() {
        List<Node> nodes = new ArrayList<>();
        while (true) {
            if (input.startsWith("}", pos)) {
                pos++;
                return nodes;
            }
            if (input.startsWith("[?(", pos)) {
                nodes.add(filter());
                continue;
            }
            if (input.startsWith("..", pos)) {
                recursive(nodes);
                continue;
            }
            if (pos >= input.length() || isEndOfLine(input.charAt(pos))) {
                throw new JsonPathException("unclosed action");
            }
            char c = input.charAt(pos++);
            if (c == ' ' || c == '@' || c == '$') {
                continue;
            }
            switch (c) {
                case '[' -> nodes.addAll(array());
                case '"', '\'' -> nodes.add(quoted(c));
                case '.' -> nodes.add(field());
                default -> {
                    pos--;
                    if (c == '+' || c == '-' || Character.isDigit(c)) {
                        nodes.add(number());
                    } else if (isAlphaNumeric(c)) {
                        nodes.add(identifier());
                    } else {
                        throw new JsonPathException(String.format("unrecognized character in action: U+%04X '%c'", (int) c, c));
                    }
                }
            }
        }
    }

    private void recursive(List<Node> nodes) {
        if (!nodes.isEmpty() && nodes.get(nodes.size() - 1) instanceof Node.Recursive) {
            throw new JsonPathException("invalid multiple recursive descent");
        }
        pos += 2;
        nodes.add(new Node.Recursive());
        if (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
            nodes.add(field());
        }
    }

    /** A field name up to the next unescaped terminator; {@code *} is the wildcard. */
    private Node field() {
        int start = pos;
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (c == '\\') {
                pos = Math.min(pos + 2, input.length());
            } else if (isTerminator(c)) {
                break;
            } else {
                pos++;
            }
        }
        String name = input.substring(start, pos);
        return name.equals("*") ? new Node.Wildcard() : new Node.Field(name.replace("\\", ""));
    }

    private List<Node> array() {
        int close = pos;
        while (close < input.length() && input.charAt(close) != ']' && input.charAt(close) != '\n') {
            close++;
        }
        if (close >= input.length() || input.charAt(close) == '\n') {
            throw new JsonPathException("unterminated array");
        }
        String text = input.substring(pos, close);
        pos = close + 1;
        if (text.equals("*")) {
            text = ":";
        }
        String[] alternatives = text.split(",", -1);
        if (alternatives.length > 1) {
            List<Node.Steps> union = new ArrayList<>();
            for (String alternative : alternatives) {
                union.add(action("[" + alternative.strip() + "]"));
            }
            return List.of(new Node.Union(union));
        }
        Matcher key = DICT_KEY.matcher(text);
        if (key.matches()) {
            return action("." + key.group(1)).nodes();
        }
        Matcher slice = SLICE.matcher(text);
        if (!slice.matches()) {
            throw new JsonPathException("invalid array index " + text);
        }
        Integer start = slice.group(1).isEmpty() ? null : index(slice.group(1));
        boolean derived = slice.group(2) == null;
        Integer end = derived ? Integer.valueOf((start == null ? 0 : start) + 1) : bound(slice.group(2));
        Integer step = slice.group(3) == null ? null : bound(slice.group(3));
        return List.of(new Node.Slice(start, end, derived, step));
    }

    /** The number after the colon of {@code :N}, or null for a bare colon. */
    private static Integer bound(String colonAndNumber) {
        String number = colonAndNumber.substring(1);
        return number.isEmpty() ? null : index(number);
    }

    private static int index(String number) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw new JsonPathException("array index " + number + " is not a number");
        }
    }

    private Node filter() {
        pos += 3;
        int start = pos;
        boolean begin = false;
        boolean end = false;
        char pair = 0;
        while (true) {
            if (pos >= input.length() || input.charAt(pos) == '\n') {
                throw new JsonPathException("unterminated filter");
            }
            char c = input.charAt(pos++);
            if (c == '"' || c == '\'') {
                if (!begin) {
                    begin = true;
                    pair = c;
                } else if (c == pair && input.charAt(pos - 2) != '\\') {
                    end = true;
                }
            } else if (c == ')' && begin == end) {
                break;
            }
        }
        if (pos >= input.length() || input.charAt(pos++) != ']') {
            throw new JsonPathException("unclosed array expect ]");
        }
        String text = input.substring(start, pos - 2);
        Matcher comparison = COMPARISON.matcher(text);
        if (!comparison.matches()) {
            return new Node.Filter(action(text), new Node.Steps(List.of()), "exists");
        }
        return new Node.Filter(action(comparison.group(1)), action(comparison.group(3)), comparison.group(2));
    }

    private Node quoted(char quote) {
        int start = pos - 1;
        while (true) {
            if (pos >= input.length() || input.charAt(pos) == '\n') {
                throw new JsonPathException("unterminated quoted string");
            }
            char c = input.charAt(pos++);
            if (c == quote && input.charAt(pos - 2) != '\\') {
                break;
            }
        }
        return new Node.Text(unquote(input.substring(start, pos)));
    }

    private Node number() {
        int start = pos;
        if (input.charAt(pos) == '+' || input.charAt(pos) == '-') {
            pos++;
        }
        while (pos < input.length() && (input.charAt(pos) == '.' || Character.isDigit(input.charAt(pos)))) {
            pos++;
        }
        String text = input.substring(start, pos);
        try {
            return new Node.Literal(Long.parseLong(text.startsWith("+") ? text.substring(1) : text));
        } catch (NumberFormatException notAnInteger) {
            try {
                return new Node.Literal(Double.parseDouble(text));
            } catch (NumberFormatException e) {
                throw new JsonPathException("cannot parse number " + text);
            }
        }
    }

    private Node identifier() {
        int start = pos;
        while (pos < input.length() && !isTerminator(input.charAt(pos))) {
            pos++;
        }
        String word = input.substring(start, pos);
        return switch (word) {
            case "true" -> new Node.Literal(Boolean.TRUE);
            case "false" -> new Node.Literal(Boolean.FALSE);
            default -> new Node.Keyword(word);
        };
    }

    /** The text of a quoted string, in single or double quotes, with Go's escapes resolved. */
    static String unquote(String quoted) {
        StringBuilder out = new StringBuilder();
        String body = quoted.substring(1, quoted.length() - 1);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                out.append(c);
                continue;
            }
            char escaped = body.charAt(++i);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case 'x', 'u', 'U' -> {
                    int digits = escaped == 'x' ? 2 : escaped == 'u' ? 4 : 8;
                    try {
                        out.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 1 + digits), 16));
                    } catch (NumberFormatException | IndexOutOfBoundsException e) {
                        throw new JsonPathException("unquote string " + quoted + " error invalid syntax");
                    }
                    i += digits;
                }
                default -> out.append(escaped);
            }
        }
        return out.toString();
    }

    private static boolean isTerminator(char c) {
        return switch (c) {
            case ' ', '\t', '\r', '\n', '.', ',', '[', ']', '$', '@', '{', '}' -> true;
            default -> false;
        };
    }

    private static boolean isEndOfLine(char c) {
        return c == '\r' || c == '\n';
    }

    private static boolean isAlphaNumeric(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
