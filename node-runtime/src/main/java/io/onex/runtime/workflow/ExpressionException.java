package io.onex.runtime.workflow;

/** An expression of a workflow failed while it was evaluated; the message names the expression and where it was written. */
public final class ExpressionException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, where, and why
     */
    public ExpressionException(String message) {
        super(message);
    }
}
