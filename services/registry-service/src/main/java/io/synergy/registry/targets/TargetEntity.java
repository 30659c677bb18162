package io.synergy.registry.targets;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.synergy.model.event.TargetEvent;
import io.synergy.model.target.Allocation;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The allocations of one indicator to one org unit (table {@code target}, its allocations in {@code target_allocation}).
 * {@link #version} is the entity's optimistic lock: Hibernate increments it whenever the entity or its allocations change,
 * and it is the API's {@code ETag} and the version of the key's {@code targets.v1} event.
 */
@Entity
@Table(name = "target")
@IdClass(TargetEntity.Key.class)
public class TargetEntity extends PanacheEntityBase {

    /** The entity's identity. */
    public static class Key implements Serializable {

        public String indicator;
        public String orgUnit;

        public Key() {}

        public Key(String indicator, String orgUnit) {
            this.indicator = indicator;
            this.orgUnit = orgUnit;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(indicator, k.indicator) && Objects.equals(orgUnit, k.orgUnit);
        }

        @Override
        public int hashCode() {
            return Objects.hash(indicator, orgUnit);
        }
    }

    @Id
    public String indicator;

    @Id
    @Column(name = "org_unit")
    public String orgUnit;

    @ElementCollection
    @CollectionTable(
            name = "target_allocation",
            joinColumns = {
                @JoinColumn(name = "indicator", referencedColumnName = "indicator"),
                @JoinColumn(name = "org_unit", referencedColumnName = "org_unit")
            })
    @OrderBy("effectiveFrom")
    public List<AllocationColumns> allocations = new ArrayList<>();

    @Version
    public long version;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;

    /** The allocations, in the order of their {@code effectiveFrom}. */
    public List<Allocation> timeline() {
        return allocations.stream()
                .map(AllocationColumns::toAllocation)
                .sorted(Comparator.comparing(Allocation::effectiveFrom))
                .toList();
    }

    /** The key as the registry publishes it. */
    TargetEvent toEvent(int changedFromYear) {
        return new TargetEvent(indicator, orgUnit, version, changedFromYear, timeline(), changedAt, changedBy);
    }
}
