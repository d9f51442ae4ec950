package io.onex.api;

/**
 * The input could not be understood (missing field, wrong type, undecodable record). Never retried.
 */
public class InvalidInputException extends NonRetryableException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
