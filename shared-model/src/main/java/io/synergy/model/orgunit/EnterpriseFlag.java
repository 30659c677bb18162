package io.synergy.model.orgunit;

/** Regulatory lists an enterprise may be on. */
public enum EnterpriseFlag {
    /** 重点排放单位: covered by the national carbon emissions trading market. */
    CARBON_MARKET("重点排放单位"),
    /** 重点排污单位: key pollutant-discharging unit. */
    KEY_POLLUTER("重点排污单位"),
    /** 强制性清洁生产审核: subject to mandatory cleaner-production audit. */
    CLEANER_PRODUCTION_AUDIT("强制性清洁生产审核");

    private final String zh;

    EnterpriseFlag(String zh) {
        this.zh = zh;
    }

    public String zh() {
        return zh;
    }
}
