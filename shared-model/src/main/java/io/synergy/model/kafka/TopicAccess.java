package io.synergy.model.kafka;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may produce to a topic and who may consume it: the declaration {@link KafkaAccess} turns into ACLs (deny by default).
 * Declared with each topic in {@link io.synergy.model.event.Topics#all()}, e.g.
 * {@code TopicAccess.writtenBy(Principals.AGGREGATION).readBy(Principals.OPS)}.
 *
 * @param writers principals that may produce to it
 * @param readers principals that may consume it
 */
public record TopicAccess(Set<String> writers, Set<String> readers) {

    public TopicAccess {
        writers = Set.copyOf(new LinkedHashSet<>(writers));
        readers = Set.copyOf(new LinkedHashSet<>(readers));
        if (writers.isEmpty()) {
            throw new IllegalArgumentException("a topic needs a writer");
        }
    }

    public static TopicAccess writtenBy(String... writers) {
        return writtenBy(Arrays.asList(writers));
    }

    public static TopicAccess writtenBy(Collection<String> writers) {
        return new TopicAccess(Set.copyOf(writers), Set.of());
    }

    public TopicAccess readBy(String... readers) {
        return readBy(Arrays.asList(readers));
    }

    public TopicAccess readBy(Collection<String> more) {
        Set<String> all = new LinkedHashSet<>(readers);
        all.addAll(more);
        return new TopicAccess(writers, all);
    }

    /** Writers in a stable order (for rendering and comparing). */
    public List<String> sortedWriters() {
        return writers.stream().sorted().toList();
    }

    public List<String> sortedReaders() {
        return readers.stream().sorted().toList();
    }
}
