/**
 * Consumer-group health over a sliding window (Burrow's idea): a lag that grows while the committed offset stands
 * still is a stall, a large lag that shrinks is catching up. {@link io.onex.runtime.lag.GroupLagEvaluator} keeps the
 * samples and gives the {@link io.onex.runtime.lag.GroupVerdict}; it does no I/O, so the runtime's sampler, a
 * dashboard or a test feed it alike.
 */
package io.onex.runtime.lag;
