package io.synergy.registry.orgunits;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.synergy.model.event.OrgUnitEvent;
import io.synergy.model.orgunit.OrgUnitLevel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.TreeSet;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A registered park or enterprise (table {@code org_unit}). {@link #version} is the entity's optimistic lock: Hibernate
 * checks and increments it on every update, and it is the version of the unit's {@code org-units.v1} event and the
 * API's {@code ETag}. An unchanged unit is never written, so its version moves only when its content does.
 */
@Entity
@Table(name = "org_unit")
public class OrgUnitEntity extends PanacheEntityBase {

    @Id
    public String code;

    @Enumerated(EnumType.STRING)
    public OrgUnitLevel level;

    @Column(name = "name_zh")
    public String zh;

    @Column(name = "name_en")
    public String en;

    public String parent;

    @Column(name = "industry_section")
    public String industrySection;

    @Column(name = "industry_division")
    public String industryDivision;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] flags;

    public boolean closed;

    @Version
    public long version;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;

    /** The unit as the registry publishes it. */
    public OrgUnitEvent toEvent() {
        return new OrgUnitEvent(
                code,
                level,
                zh,
                en,
                parent,
                industrySection,
                industryDivision,
                new TreeSet<>(Arrays.asList(flags)),
                closed,
                version,
                changedAt,
                changedBy);
    }

    /** Takes a validated unit's content (not its version: Hibernate keeps that). */
    void take(OrgUnitEvent e) {
        code = e.code();
        level = e.level();
        zh = e.zh();
        en = e.en();
        parent = e.parent();
        industrySection = e.industrySection();
        industryDivision = e.industryDivision();
        flags = e.flags().toArray(String[]::new);
        closed = e.closed();
        changedAt = e.changedAt();
        changedBy = e.changedBy();
    }
}
