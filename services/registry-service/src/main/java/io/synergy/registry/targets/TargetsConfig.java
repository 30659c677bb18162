package io.synergy.registry.targets;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** The targets' settings ({@code synergy.targets.*}); see application.properties and docs/reporting-cycle.md. */
@ConfigMapping(prefix = "synergy.targets")
public interface TargetsConfig {

    /** The first year {@code GET /api/v1/targets} lists without {@code year}: the plan's base year. */
    @WithDefault("2020")
    int firstYear();

    /**
     * The province's assignments of its targets to Qingdao, by indicator id (E3, E4, E5-NOX, E5-VOCS), e.g.
     * {@code synergy.targets.provincial."E5-NOX".value=8700} and {@code ….document=鲁环发〔2023〕12号}: they replace the
     * catalogue's defaults and placeholders as the plan's targets. A later assignment is better entered as an allocation
     * to the city (370200): it keeps its history and needs no restart.
     */
    Map<String, Provincial> provincial();

    /** One assignment. */
    interface Provincial {

        double value();

        /** The 文号 of the document that assigns it. */
        String document();
    }
}
