package io.synergy.registry.deadlines;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A sector's due-date rule of a kind of period (table {@code deadline_rule}, seeded by Flyway with the defaults). */
@Entity
@Table(name = "deadline_rule")
@IdClass(DeadlineRuleEntity.Key.class)
public class DeadlineRuleEntity extends PanacheEntityBase {

    /** The entity's identity. */
    public static class Key implements Serializable {

        public String sector;
        public PeriodType periodType;

        public Key() {}

        public Key(String sector, PeriodType periodType) {
            this.sector = sector;
            this.periodType = periodType;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(sector, k.sector) && periodType == k.periodType;
        }

        @Override
        public int hashCode() {
            return Objects.hash(sector, periodType);
        }
    }

    @Id
    public String sector;

    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "period_type")
    public PeriodType periodType;

    @Column(name = "month_day")
    public String monthDay;

    @Column(name = "days_after")
    public Integer daysAfter;

    @Version
    public long version;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;

    DeadlineRule toRule() {
        return new DeadlineRule(sector, periodType, monthDay, daysAfter, version, changedAt, changedBy);
    }
}
