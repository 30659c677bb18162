package io.synergy.platform.config;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Map;

/** Overrides of the district groups, e.g. {@code synergy.org-units.groups."central-urban"=370202,370203}. */
@ConfigMapping(prefix = "synergy.org-units")
public interface OrgUnitsConfig {

    /** Group code → member district codes; replaces the group of {@code org-units.yaml} with the same code. */
    Map<String, List<String>> groups();
}
