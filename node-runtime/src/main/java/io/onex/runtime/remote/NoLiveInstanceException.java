package io.onex.runtime.remote;

/**
 * No runtime the directory knows serves the node: the call fails at once instead of waiting out a timeout. The message
 * says when an instance was last seen: {@code no live instance of 'x' (last seen 4m ago, expired)}.
 */
public class NoLiveInstanceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoLiveInstanceException(String message) {
        super(message);
    }
}
