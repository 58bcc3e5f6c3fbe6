package io.korch.printing;

/** How a missing value shows in a cell. */
final class Cells {

    /** What kubectl shows for a value that is not set. */
    static final String NONE = "<none>";

    private Cells() {
    }

    /** {@code value}, or {@code <none>} when it is null or empty. */
    static String orNone(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }
}
