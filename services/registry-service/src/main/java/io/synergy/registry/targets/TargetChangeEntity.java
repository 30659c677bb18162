package io.synergy.registry.targets;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** One change of an allocation (table {@code target_change}): written once, never updated — the targets' history. */
@Entity
@Table(name = "target_change")
public class TargetChangeEntity extends PanacheEntityBase {

    /** How a change was made. */
    public enum Via {
        /** {@code PUT /api/v1/targets/{indicator}/{orgUnit}} */
        PUT,
        /** {@code POST /api/v1/targets/import} */
        IMPORT
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String indicator;

    @Column(name = "org_unit")
    public String orgUnit;

    @Column(name = "effective_from")
    public LocalDate effectiveFrom;

    /** The key's version this change made. */
    public long version;

    @Column(name = "old_value")
    public Double oldValue;

    @Column(name = "old_target_year")
    public Integer oldTargetYear;

    @Column(name = "old_document")
    public String oldDocument;

    @Column(name = "new_value")
    public double newValue;

    @Column(name = "new_target_year")
    public int newTargetYear;

    @Column(name = "new_document")
    public String newDocument;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Enumerated(EnumType.STRING)
    public Via via;
}
