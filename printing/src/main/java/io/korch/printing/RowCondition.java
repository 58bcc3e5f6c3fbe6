package io.korch.printing;

/**
 * A mark on a table row, as Kubernetes' {@code TableRowCondition}: the only type defined is
 * {@link #COMPLETED}, for an object that ran to completion and may be shown less prominently.
 */
public record RowCondition(String type, String status, String reason, String message) {

    public static final String COMPLETED = "Completed";

    /** The object has run to completion, for {@code reason}. */
    public static RowCondition completed(String reason, String message) {
        return new RowCondition(COMPLETED, "True", reason, message);
    }
}
