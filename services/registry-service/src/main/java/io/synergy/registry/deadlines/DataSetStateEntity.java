package io.synergy.registry.deadlines;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.synergy.model.approval.ApprovalState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * The latest state of a data set as {@code approvals.v1} said it (table {@code data_set_state}); written by
 * {@link DeadlineService#apply} only, with the event's version deciding.
 */
@Entity
@Table(name = "data_set_state")
@IdClass(DataSetStateEntity.Key.class)
public class DataSetStateEntity extends PanacheEntityBase {

    /** The entity's identity: a data set. */
    public static class Key implements Serializable {

        public String sector;
        public String orgUnit;
        public int year;

        public Key() {}

        public Key(String sector, String orgUnit, int year) {
            this.sector = sector;
            this.orgUnit = orgUnit;
            this.year = year;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(sector, k.sector)
                    && Objects.equals(orgUnit, k.orgUnit)
                    && year == k.year;
        }

        @Override
        public int hashCode() {
            return Objects.hash(sector, orgUnit, year);
        }
    }

    @Id
    public String sector;

    @Id
    @Column(name = "org_unit")
    public String orgUnit;

    @Id
    public int year;

    @Enumerated(EnumType.STRING)
    public ApprovalState state;

    public long version;

    public String actor;

    @Column(name = "changed_at")
    public Instant changedAt;
}
