package io.synergy.model.project;

/** Where a pilot or designation (试点示范) stands. */
public enum PilotStatus {
    /** 申报中: applied for, not designated yet (no year, no document needed). */
    APPLIED("申报中", "applied"),
    /** 已批准 (试点建设中): designated by its document in its year. */
    DESIGNATED("已批准", "designated"),
    /** 已验收 (命名): the pilot passed its acceptance, or the title was conferred. */
    ACCEPTED("已验收", "accepted"),
    /** 已撤销 (退出): the designation was withdrawn. */
    REVOKED("已撤销", "revoked");

    private final String zh;
    private final String en;

    PilotStatus(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }
}
