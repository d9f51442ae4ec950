package io.onex.runtime.compat;

/**
 * One side of a comparison cannot be read: a folder without contracts or workflows, or a file the loaders refuse.
 * The message names the file and, where the loaders say so, the line and field.
 */
public final class CompatibilityInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what could not be read, located */
    public CompatibilityInputException(String message) {
        super(message);
    }
}
