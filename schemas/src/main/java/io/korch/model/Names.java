package io.korch.model;

import java.util.regex.Pattern;

/**
 * Validates object names, label keys and label values by the Kubernetes rules.
 *
 * <p>Each check returns null when the input is valid and otherwise a message worded like
 * Kubernetes' own (for example {@code must be no more than 63 characters}), so callers can put the
 * field path in front of it. Only the first problem found is reported.
 */
public final class Names {

    /** Longest DNS-1123 label: namespaces, container names, the name part of a label key. */
    public static final int LABEL_MAX_LENGTH = 63;
    /** Longest DNS-1123 subdomain: object names and label key prefixes. */
    public static final int SUBDOMAIN_MAX_LENGTH = 253;

    static final String DNS1123_LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case "
            + "alphanumeric characters or '-', and must start and end with an alphanumeric character";
    static final String DNS1035_LABEL_MESSAGE = "a DNS-1035 label must consist of lower case alphanumeric "
            + "characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    static final String DNS1123_SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower "
            + "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    static final String QUALIFIED_NAME_MESSAGE = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";
    static final String LABEL_VALUE_MESSAGE = "a valid label must be an empty string or consist of "
            + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    static final String LABEL_KEY_SHAPE_MESSAGE = "a qualified name must be a name with an optional "
            + "DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";

    private static final String LABEL_PART = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL_PART);
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(LABEL_PART + "(\\." + LABEL_PART + ")*");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

    private Names() {
    }

    /**
     * Checks an object name of pods, deployments, replicasets and nodes: at most 253 lowercase
     * alphanumerics, '-' and '.', each dot-separated part starting and ending alphanumeric.
     *
     * @return null when valid, else why not
     */
    public static String checkDns1123Subdomain(String name) {
        return check(name, SUBDOMAIN_MAX_LENGTH, DNS1123_SUBDOMAIN, DNS1123_SUBDOMAIN_MESSAGE);
    }

    /**
     * Checks a namespace or container name: at most 63 lowercase alphanumerics and '-', starting
     * and ending alphanumeric.
     *
     * @return null when valid, else why not
     */
    public static String checkDns1123Label(String name) {
        return check(name, LABEL_MAX_LENGTH, DNS1123_LABEL, DNS1123_LABEL_MESSAGE);
    }

    /**
     * Checks a Service name: at most 63 lowercase alphanumerics and '-', starting with a letter and
     * ending alphanumeric, so that it is also a DNS name and an environment variable prefix.
     *
     * @return null when valid, else why not
     */
    public static String checkDns1035Label(String name) {
        return check(name, LABEL_MAX_LENGTH, DNS1035_LABEL, DNS1035_LABEL_MESSAGE);
    }

    /**
     * Checks a label key: a name part of at most 63 alphanumerics, '-', '_' and '.' that starts and
     * ends alphanumeric, optionally preceded by a DNS-1123 subdomain prefix and '/'
     * ({@code app.kubernetes.io/name}).
     *
     * @return null when valid, else why not
     */
    public static String checkLabelKey(String key) {
        String name = key == null ? "" : key;
        int slash = name.indexOf('/');
        if (slash >= 0) {
            if (name.indexOf('/', slash + 1) >= 0) {
                return LABEL_KEY_SHAPE_MESSAGE;
            }
            String prefixProblem = checkPrefix(name.substring(0, slash));
            if (prefixProblem != null) {
                return prefixProblem;
            }
            name = name.substring(slash + 1);
        }
        return checkNamePart(name);
    }

    /**
     * Checks a label value: empty, or at most 63 alphanumerics, '-', '_' and '.' that starts and
     * ends alphanumeric.
     *
     * @return null when valid, else why not
     */
    public static String checkLabelValue(String value) {
        if (value == null) {
            return "must not be null";
        }
        if (value.isEmpty()) {
            return null;
        }
        return check(value, LABEL_MAX_LENGTH, QUALIFIED_NAME, LABEL_VALUE_MESSAGE);
    }

    private static String checkPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return "prefix part must be non-empty";
        }
        String problem = checkDns1123Subdomain(prefix);
        return problem == null ? null : "prefix part " + problem;
    }

    private static String checkNamePart(String name) {
        if (name.isEmpty()) {
            return "name part must be non-empty";
        }
        String problem = check(name, LABEL_MAX_LENGTH, QUALIFIED_NAME, QUALIFIED_NAME_MESSAGE);
        return problem == null ? null : "name part " + problem;
    }

    private static String check(String text, int maxLength, Pattern pattern, String patternMessage) {
        if (text == null || text.isEmpty()) {
            return "must not be empty";
        }
        if (text.length() > maxLength) {
            return "must be no more than " + maxLength + " characters";
        }
        return pattern.matcher(text).matches() ? null : patternMessage;
    }
}
