package io.synergy.energy.outbox;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.OutgoingInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Lets the heap run out, once, inside the {@code outbox} channel's sending chain — between the relay's emitter and the Kafka
 * sink — as it did under city-scale load (docs/performance.md, "Scale: the run of 2026-12-01 02:39"). An {@link Error} there
 * makes SmallRye Reactive Messaging cancel the emitter's subscription, for good. Enabled only by {@link OutboxChannelCancelledTest}'s
 * profile (an alternative), inert until armed.
 */
@Alternative
@ApplicationScoped
@Identifier("outbox")
public class HeapExhaustingOutboxInterceptor implements OutgoingInterceptor {

    private final AtomicBoolean armed = new AtomicBoolean();

    void arm() {
        armed.set(true);
    }

    @Override
    public Message<?> beforeMessageSend(Message<?> message) {
        if (armed.compareAndSet(true, false)) {
            throw new OutOfMemoryError("Java heap space (the test's)");
        }
        return message;
    }

    @Override
    public void onMessageAck(Message<?> message) {
        // nothing to observe
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        // nothing to observe
    }
}
