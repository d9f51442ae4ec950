package io.onex.runtime.dashboard.internal;

import io.onex.runtime.dashboard.DeadLetterBoard;
import io.onex.runtime.envelope.EnvelopeCodec;
import io.onex.runtime.ops.DeadLetterReader;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads each record of a dead-letter topic as {@code onex dlq} does ({@link DeadLetterReader}) onto the board. */
public final class DeadLetterSink implements Consumer<ConsumerRecord<byte[], byte[]>> {

    private final DeadLetterReader reader;
    private final DeadLetterBoard board;

    public DeadLetterSink(EnvelopeCodec codec, DeadLetterBoard board) {
        this.reader = new DeadLetterReader(codec);
        this.board = board;
    }

    @Override
    public void accept(ConsumerRecord<byte[], byte[]> record) {
        board.accept(reader.read(record));
    }
}
