package io.korch.controllers;

/**
 * A controller step failed while it was planned, before it wrote to any store or forwarded any
 * record (see {@link Effects}). Skipping the record that triggered it therefore leaves the stores
 * consistent with the output topics; the object is reconciled again on its next change.
 */
public final class ReconcileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param trigger what started the step, such as {@code the record at key default/web}
     * @param cause   why it failed
     */
    public ReconcileException(String trigger, RuntimeException cause) {
        super("the step for " + trigger + " failed before it changed anything: " + cause, cause);
    }
}
