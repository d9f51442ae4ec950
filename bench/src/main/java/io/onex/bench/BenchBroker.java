package io.onex.bench;

import io.onex.kafka.embedded.EmbeddedKafkaBroker;

/**
 * The cluster a bench runs against: the one {@code --bootstrap} names, else an embedded broker started for the run
 * and closed after it (in this process, so its CPU counts in the process figures the benches print).
 */
final class BenchBroker {

    /** What a bench does with its cluster. */
    @FunctionalInterface
    interface Run {
        /**
         * @param servers the bootstrap servers
         * @param embedded whether the broker was started for this run
         */
        void run(String servers, boolean embedded) throws Exception;
    }

    private BenchBroker() {
    }

    /**
     * Runs a bench against {@code bootstrap}, or against an embedded broker when it is null.
     *
     * @param bootstrap the {@code --bootstrap} option, or null
     * @param run the bench
     */
    static void run(String bootstrap, Run run) throws Exception {
        EmbeddedKafkaBroker broker = bootstrap == null ? EmbeddedKafkaBroker.start() : null;
        try {
            run.run(broker != null ? broker.bootstrapServers() : bootstrap, broker != null);
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
