package io.synergy.registry.projects;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.synergy.model.event.ProjectEvent;
import io.synergy.model.project.ProjectProgress;
import io.synergy.model.project.ProjectStatus;
import io.synergy.model.project.Substance;
import io.synergy.registry.shared.Versioned;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A key project (table {@code project}, its status history in {@code project_status}, its reductions in
 * {@code project_reduction}). {@link #version} is the entity's optimistic lock, the version of its {@code projects.v1}
 * event and the API's {@code ETag}; a change of its history or reductions is a change of the project (a new version).
 */
@Entity
@Table(name = "project")
public class ProjectEntity extends PanacheEntityBase implements Versioned<ProjectEvent> {

    @Id
    public String code;

    @Column(name = "name_zh")
    public String zh;

    @Column(name = "name_en")
    public String en;

    public String type;

    public int clause;

    @Column(name = "org_unit")
    public String orgUnit;

    @Column(name = "lead_department")
    public String leadDepartment;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "responsible_units")
    public String[] responsibleUnits;

    @Column(name = "start_year")
    public int startYear;

    @Column(name = "completion_year")
    public Integer completionYear;

    @Enumerated(EnumType.STRING)
    public ProjectStatus status;

    // loaded with the project, in batches for a list (one query per 100 projects, not one per project)
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "project_status", joinColumns = @JoinColumn(name = "project"))
    @OrderColumn(name = "position")
    @BatchSize(size = 100)
    public List<StatusRow> statusHistory = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "project_reduction", joinColumns = @JoinColumn(name = "project"))
    @OrderColumn(name = "position")
    @BatchSize(size = 100)
    public List<ReductionRow> reductions = new ArrayList<>();

    @Column(name = "verification_document")
    public String verificationDocument;

    @Version
    public long version;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;

    /** A status and the day it took effect. */
    @Embeddable
    public static class StatusRow {

        @Enumerated(EnumType.STRING)
        public ProjectStatus status;

        public LocalDate since;
    }

    /** The planned and verified reduction of one substance, t/a. */
    @Embeddable
    public static class ReductionRow {

        @Enumerated(EnumType.STRING)
        public Substance substance;

        public BigDecimal planned;

        public BigDecimal verified;
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public ProjectEvent toEvent() {
        return new ProjectEvent(
                code,
                zh,
                en,
                type,
                clause,
                orgUnit,
                leadDepartment,
                List.of(responsibleUnits),
                startYear,
                completionYear,
                status,
                statusHistory.stream()
                        .map(s -> new ProjectEvent.StatusChange(s.status, s.since))
                        .toList(),
                reductions.stream()
                        .map(r -> new ProjectEvent.Reduction(
                                r.substance, ProjectProgress.plain(r.planned), ProjectProgress.plain(r.verified)))
                        .toList(),
                verificationDocument,
                version,
                changedAt,
                changedBy);
    }

    @Override
    public void take(ProjectEvent e) {
        if (!isPersistent()) {
            version = e.version();
        }
        code = e.code();
        zh = e.zh();
        en = e.en();
        type = e.type();
        clause = e.clause();
        orgUnit = e.orgUnit();
        leadDepartment = e.leadDepartment();
        responsibleUnits = e.responsibleUnits().toArray(String[]::new);
        startYear = e.startYear();
        completionYear = e.completionYear();
        status = e.status();
        statusHistory.clear();
        for (ProjectEvent.StatusChange c : e.statusHistory()) {
            StatusRow row = new StatusRow();
            row.status = c.status();
            row.since = c.since();
            statusHistory.add(row);
        }
        reductions.clear();
        for (ProjectEvent.Reduction r : e.reductions()) {
            ReductionRow row = new ReductionRow();
            row.substance = r.substance();
            row.planned = r.planned();
            row.verified = r.verified();
            reductions.add(row);
        }
        verificationDocument = e.verificationDocument();
        changedAt = e.changedAt();
        changedBy = e.changedBy();
    }
}
