package io.synergy.aggregation.inventory;

import static io.synergy.aggregation.inventory.InventoryPresentationTest.CATALOGUE;
import static io.synergy.aggregation.inventory.InventoryPresentationTest.answer;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.testsupport.PlatformTestResource;
import org.junit.jupiter.api.Test;

/**
 * The printable inventory report of a small inventory: its sections and figures, and that posted text cannot inject
 * markup. A Quarkus test because the page is a type-safe Qute template (the same boot as the module's other tests).
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class InventoryReportPageTest {

    @Test
    void theReportEscapesWhatOperatorsPosted() {
        String html = InventoryReportPage.render(answer("<script>alert(1)</script> & co"), CATALOGUE);
        assertThat(html)
                .doesNotContain("<script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co")
                .contains("v &lt;b&gt;2&lt;/b&gt;");
    }

    @Test
    void theReportHasEverySectionAndTheNotes() {
        String html = InventoryReportPage.render(answer("IPCC"), CATALOGUE);
        assertThat(html)
                .contains(
                        "黄岛区",
                        "2024",
                        "排放因子版本",
                        "Emission-factor version",
                        "v2",
                        "一、排放总量",
                        "二、分部门排放",
                        "三、能源消费",
                        "四、排放因子及来源",
                        "五、说明",
                        "二氧化碳当量",
                        "CO2 equivalent",
                        "@page",
                        "break-before: page");
        // 1,000 t × 20.908 GJ/t × 94.6 kg/GJ = 1,977.8968 t
        assertThat(html).contains("1,977.90", "2,000.00", "20.908");
        // an example factor is marked, a missing one explained, the revision named
        assertThat(html).contains("示例排放因子", "缺少排放因子", "no CO2 factor for lpg", "v1", "因子修订");
    }
}
