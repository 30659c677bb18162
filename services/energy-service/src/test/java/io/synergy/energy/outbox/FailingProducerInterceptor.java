package io.synergy.energy.outbox;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Lets the heap "run out", once, where it can in the outbox producer: on the relay's thread as a record is handed to the
 * producer ({@link #armOnSend()}), or on the producer's I/O thread as the broker's acknowledgement arrives
 * ({@link #armOnAcknowledgement()}) — Kafka passes an {@link Error} from an interceptor on, so it ends that thread as a real
 * {@link OutOfMemoryError} would. Configured only by {@link OutboxProducerErrorTest}'s profile
 * ({@code synergy.outbox.producer."interceptor.classes"}); inert until armed.
 */
public class FailingProducerInterceptor implements ProducerInterceptor<String, byte[]> {

    private static final AtomicBoolean ON_SEND = new AtomicBoolean();
    private static final AtomicBoolean ON_ACKNOWLEDGEMENT = new AtomicBoolean();

    static void armOnSend() {
        ON_SEND.set(true);
    }

    static void armOnAcknowledgement() {
        ON_ACKNOWLEDGEMENT.set(true);
    }

    @Override
    public ProducerRecord<String, byte[]> onSend(ProducerRecord<String, byte[]> record) {
        if (ON_SEND.compareAndSet(true, false)) {
            throw new OutOfMemoryError("Java heap space (the test's, on the relay's thread)");
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        if (ON_ACKNOWLEDGEMENT.compareAndSet(true, false)) {
            throw new OutOfMemoryError("Java heap space (the test's, on the producer's I/O thread)");
        }
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }
}
