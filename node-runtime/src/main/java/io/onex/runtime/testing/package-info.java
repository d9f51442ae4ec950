/**
 * Unit-testing a node without a broker: {@link io.onex.runtime.testing.NodeTestKit} runs one node as the runtime
 * wires it, on kafka-clients' {@code MockProducer}, with time on a {@link io.onex.runtime.testing.MutableClock} and a
 * {@link io.onex.runtime.testing.ManualScheduler} (which tests of the runtime's own parts use as well).
 */
package io.onex.runtime.testing;
