package io.synergy.model.project;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a key project (重点工程) stands. A project moves forward, may be postponed or reopened, and may be cancelled;
 * {@link #next()} is what may follow each status (a correction that breaks these moves is a new status, dated).
 */
public enum ProjectStatus {
    /** 计划 (not started). */
    PLANNED("计划", "planned"),
    /** 在建. */
    UNDER_CONSTRUCTION("在建", "under construction"),
    /** 已完成 (建成投运); only a completed project delivers its verified reduction. */
    COMPLETED("已完成", "completed"),
    /** 已取消; keeps no verified reduction. */
    CANCELLED("已取消", "cancelled");

    private final String zh;
    private final String en;

    ProjectStatus(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /**
     * The statuses that may follow this one: forward, or cancelled; an unstarted or cancelled project may be planned
     * again, one under construction postponed, a completed one reopened (its acceptance withdrawn).
     */
    public Set<ProjectStatus> next() {
        return switch (this) {
            case PLANNED -> EnumSet.of(UNDER_CONSTRUCTION, COMPLETED, CANCELLED);
            case UNDER_CONSTRUCTION -> EnumSet.of(PLANNED, COMPLETED, CANCELLED);
            case COMPLETED -> EnumSet.of(UNDER_CONSTRUCTION);
            case CANCELLED -> EnumSet.of(PLANNED);
        };
    }
}
