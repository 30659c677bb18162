package io.synergy.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** What parks a row and what holds the outbox; which field an oversized event names. */
class KafkaRefusalsTest {

    @Test
    void aRefusalOfTheRecordParksItEvenWrapped() {
        RecordTooLargeException tooLarge = new RecordTooLargeException("The message is 1200088 bytes");
        assertThat(KafkaRefusals.isPermanent(tooLarge)).isTrue();
        assertThat(KafkaRefusals.isPermanent(new CompletionException(tooLarge))).isTrue();
        assertThat(KafkaRefusals.reason(new CompletionException(tooLarge)))
                .isEqualTo("RecordTooLargeException: The message is 1200088 bytes");
        assertThat(KafkaRefusals.isPermanent(new TopicAuthorizationException("no write")))
                .isTrue();
    }

    @Test
    void anOutageOrAFailureOfTheWholeProducerHoldsTheOutbox() {
        assertThat(KafkaRefusals.isPermanent(new TimeoutException("Expiring 3 record(s)")))
                .isFalse();
        assertThat(KafkaRefusals.isPermanent(new NetworkException("disconnected")))
                .isFalse();
        assertThat(KafkaRefusals.isPermanent(new AuthenticationException("bad password")))
                .isFalse();
        assertThat(KafkaRefusals.isPermanent(new IllegalStateException("SRMSG00028")))
                .isFalse();
    }

    @Test
    void anOversizedEventNamesItsLargestMember() {
        byte[] approval = ("{\"eventId\":\"5f0c8a52-3d7e-4a57-9b7e-1b1c1a0b2c3d\",\"comment\":\"" + "说明".repeat(50)
                        + "\",\"allocations\":[1,2],\"version\":3}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(EventTooLargeException.largestMember(approval)).isEqualTo("comment");
        byte[] target = ("{\"code\":\"E1\",\"allocations\":[" + "{\"unit\":\"370202\",\"value\":1.5},".repeat(40)
                        + "{\"unit\":\"370203\",\"value\":2}],\"note\":\"short\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(EventTooLargeException.largestMember(target)).isEqualTo("allocations");
        assertThat(EventTooLargeException.largestMember("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("event");
    }
}
