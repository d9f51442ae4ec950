package io.onex.runtime.cli;

import io.onex.runtime.kafka.EmbeddedBroker;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code onex broker}: starts an embedded single-node KRaft broker, prints {@code bootstrap=HOST:PORT}, runs until stopped. */
@Command(name = "broker", description = "Start an embedded single-node Kafka (KRaft) broker and print bootstrap=HOST:PORT.")
final class BrokerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        new Progress(spec.commandLine().getErr()).line("starting an embedded Kafka (KRaft) broker ...");
        EmbeddedBroker broker = EmbeddedBroker.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "onex-broker-shutdown"));
        spec.commandLine().getOut().println("bootstrap=" + broker.bootstrapServers());
        spec.commandLine().getOut().printf("broker started in %d ms; Ctrl-C stops it%n", (System.nanoTime() - t0) / 1_000_000);
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
