package io.synergy.sector.security;

import io.synergy.model.event.FeedDeadLetter.Identity;
import io.synergy.model.event.FeedDeadLetter.JudgedBy;
import java.time.Instant;
import java.util.UUID;

/**
 * Who produced a feed message, as this service established it — never from what the message's headers claim: from its
 * token, judged at {@code judgedAt} by the {@code judgedBy} clock; or, for a replay, from the dead letter it replays
 * ({@code replayOf}), as recorded when this service wrote that dead letter.
 */
public record FeedIdentity(Identity identity, Instant judgedAt, JudgedBy judgedBy, UUID replayOf) {}
