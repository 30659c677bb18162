package io.synergy.platform.outbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import java.io.IOException;
import java.util.List;

/**
 * An event that Kafka would refuse (above the outbox producer's {@code max.request.size}), refused where it is written: in the
 * transaction of the request or feed message that made it, which is rolled back — nothing stored, nothing published. A REST
 * client gets a {@code 413 event-too-large} problem, a feed message goes to the dead letters with this reason. The field named
 * is the event's largest member (the comment, the allocations…), which is the input field to shorten.
 */
public class EventTooLargeException extends ProblemException {

    private static final JsonFactory JSON = new JsonFactory();

    EventTooLargeException(OutboxMessage m, long bytes, long limit) {
        super(
                413,
                "event-too-large",
                "The event would be too large to publish",
                "The " + m.type() + " event of " + m.subject() + " would be " + bytes + " bytes; Kafka takes at most "
                        + limit + " (synergy.outbox.max-record-bytes); nothing was stored",
                List.of(new FieldError(
                        largestMember(m.payload()), "makes the event larger than " + limit + " bytes: shorten it")));
    }

    /** The top-level member of the event's JSON data that takes the most bytes; {@code event} if there is none. */
    static String largestMember(byte[] json) {
        String largest = "event";
        long most = -1;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return largest;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                long start = p.currentTokenLocation().getByteOffset();
                if (value.isScalarValue()) {
                    p.getText(); // a string is read lazily: read it, so that the location is past its end
                } else {
                    p.skipChildren();
                }
                long size = p.currentLocation().getByteOffset() - start;
                if (size > most) {
                    most = size;
                    largest = name;
                }
            }
        } catch (IOException e) {
            return largest; // our own serialised event: not expected; the detail still says which event
        }
        return largest;
    }
}
