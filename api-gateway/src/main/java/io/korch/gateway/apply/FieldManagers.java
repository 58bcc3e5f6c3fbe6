package io.korch.gateway.apply;

import io.korch.gateway.resource.ApiError;
import io.korch.gateway.validation.Cause;
import io.korch.gateway.validation.Causes;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The field manager a request acts as, as Kubernetes names it: the {@code fieldManager} query
 * parameter, or else the User-Agent up to its first {@code /} ({@code kubectl/v1.31.0 (linux/amd64)}
 * is {@code kubectl}). kubectl names itself per command — {@code kubectl-client-side-apply},
 * {@code kubectl-edit}, {@code kubectl-create} — with the parameter.
 */
public final class FieldManagers {

    /** The query parameter that names the field manager. */
    public static final String PARAMETER = "fieldManager";
    /** The longest field manager name Kubernetes accepts, in bytes. */
    public static final int MAX_LENGTH = 128;

    private static final String PATCH_OPTIONS = "PatchOptions";

    private FieldManagers() {
    }

    /**
     * The manager of a create, replace or non-apply patch: {@code fieldManager} when given, else
     * the printable characters of the User-Agent's first token, at most {@value #MAX_LENGTH} bytes;
     * {@value ManagedFields#UNKNOWN} when neither names one.
     */
    public static String of(String fieldManager, String userAgent) {
        if (fieldManager != null && !fieldManager.isEmpty()) {
            return fieldManager;
        }
        String token = userAgent == null ? "" : userAgent.split("/", -1)[0];
        StringBuilder name = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < token.length(); ) {
            int c = token.codePointAt(i);
            i += Character.charCount(c);
            if (!isPrintable(c)) {
                continue;
            }
            int size = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_LENGTH) {
                break;
            }
            bytes += size;
            name.appendCodePoint(c);
        }
        return name.isEmpty() ? ManagedFields.UNKNOWN : name.toString();
    }

    /**
     * The manager of an apply, which must name one.
     *
     * @throws ApiError 422, as Kubernetes refuses the request's PatchOptions:
     *                  {@code PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch}
     */
    public static String forApply(String fieldManager) {
        if (fieldManager == null || fieldManager.isEmpty()) {
            throw ApiError.invalidOptions(PATCH_OPTIONS,
                    List.of(new Cause(Causes.REQUIRED, PARAMETER, "Required value: is required for apply patch")));
        }
        if (fieldManager.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
            throw ApiError.invalidOptions(PATCH_OPTIONS, List.of(new Cause(Causes.TOO_LONG, PARAMETER,
                    "Too long: may not be more than " + MAX_LENGTH + " bytes")));
        }
        return fieldManager;
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    public static boolean isPrintable(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                 Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                 Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
