package io.synergy.console.ops.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.Topics;
import org.junit.jupiter.api.Test;

/** Where a dead letter may be replayed to: its feed, and nowhere else. */
class ReplayTargetTest {

    @Test
    void aFeedsDeadLettersGoBackToThatFeedOnly() {
        for (Sector s : Sector.values()) {
            assertThat(DeadLetterReplayer.target(Topics.feedDeadLetters(s))).isEqualTo(Topics.feed(s));
        }
    }

    @Test
    void noOtherTopicIsATargetTheAggregationsOwnDeadLettersIncluded() {
        for (String topic : new String[] {
            "indicators.v1.dlq",
            "org-units.v1.dlq",
            "indicators.energy.v1.dlq",
            "results.v1.dlq",
            "alerts.v1.dlq",
            Topics.feed(Sector.ENERGY),
            Topics.indicators(Sector.ENERGY),
            Topics.RESULTS,
            Topics.ALERTS,
            Topics.ORG_UNITS,
            "feeds.unknown.v1.dlq"
        }) {
            assertThat(DeadLetterReplayer.target(topic)).as(topic).isNull();
        }
    }
}
