package io.synergy.registry.pilots;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.synergy.model.event.PilotEvent;
import io.synergy.model.project.DesignationLevel;
import io.synergy.model.project.PilotStatus;
import io.synergy.registry.shared.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A pilot or designation (table {@code pilot}). {@link #version} is the entity's optimistic lock, the version of its
 * {@code pilots.v1} event and the API's {@code ETag}.
 */
@Entity
@Table(name = "pilot")
public class PilotEntity extends PanacheEntityBase implements Versioned<PilotEvent> {

    @Id
    public String code;

    @Column(name = "org_unit")
    public String orgUnit;

    public String programme;

    public int clause;

    public String industry;

    @Enumerated(EnumType.STRING)
    public DesignationLevel level;

    @Column(name = "year_designated")
    public Integer yearDesignated;

    @Enumerated(EnumType.STRING)
    public PilotStatus status;

    public String document;

    @Version
    public long version;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;

    @Override
    public long version() {
        return version;
    }

    @Override
    public PilotEvent toEvent() {
        return new PilotEvent(
                code,
                orgUnit,
                programme,
                clause,
                industry,
                level,
                yearDesignated,
                status,
                document,
                version,
                changedAt,
                changedBy);
    }

    @Override
    public void take(PilotEvent e) {
        if (!isPersistent()) {
            version = e.version();
        }
        code = e.code();
        orgUnit = e.orgUnit();
        programme = e.programme();
        clause = e.clause();
        industry = e.industry();
        level = e.level();
        yearDesignated = e.yearDesignated();
        status = e.status();
        document = e.document();
        changedAt = e.changedAt();
        changedBy = e.changedBy();
    }
}
