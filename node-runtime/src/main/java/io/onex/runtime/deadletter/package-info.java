/**
 * Dead-letter routing: {@link io.onex.runtime.deadletter.DeadLetterRouter} writes a failed call or an undecodable
 * record to {@code <topic>.dlq} in the format of WIRE.md, with secrets masked by
 * {@link io.onex.runtime.deadletter.SecretRedactor} and one set of {@code onex.dlq.*} headers.
 */
package io.onex.runtime.deadletter;
