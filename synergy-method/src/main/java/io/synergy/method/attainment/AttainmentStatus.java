package io.synergy.method.attainment;

/** Status of an indicator against its target in the evaluated year (docs/method.md §2). */
public enum AttainmentStatus {
    /** 已完成: the value meets the target (with the target's tolerance). */
    ACHIEVED,
    /** 符合序时进度: completion r is at least the time progress τ (less 1e-9). */
    ON_TRACK,
    /** 滞后于序时进度: 0 ≤ r &lt; τ, or no baseline to measure progress from. */
    LAGGING,
    /** 倒退/偏离: moving away from the target (r &lt; 0), or a kept-every-year / g = b target not met. */
    OFF_TRACK,
    /** No value for the evaluated year. */
    NO_DATA
}
