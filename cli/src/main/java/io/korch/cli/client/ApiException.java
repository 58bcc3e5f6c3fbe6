package io.korch.cli.client;

/**
 * The korch API refused a request: its HTTP code and the {@code reason} and {@code message} of
 * the Kubernetes {@code Status} it answered with.
 */
public final class ApiException extends RuntimeException {

    private final int code;
    private final String reason;

    public ApiException(int code, String reason, String message) {
        super(message);
        this.code = code;
        this.reason = reason;
    }

    /** The HTTP status code, e.g. 422. */
    public int code() {
        return code;
    }

    /** The Status reason, e.g. {@code Invalid}, {@code NotFound}, {@code AlreadyExists}. */
    public String reason() {
        return reason;
    }

    /** Whether the object asked for does not exist. */
    public boolean isNotFound() {
        return code == 404;
    }

    /** The one line kubectl prints: {@code Error from server (Invalid): <message>}. */
    public String toDisplayString() {
        return "Error from server (" + reason + "): " + getMessage();
    }
}
