package io.synergy.aggregation.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.model.catalogue.Sector;
import io.synergy.testsupport.IndicatorEvents;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.MonitoringFiles;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.PromQl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's alert rules and Grafana dashboard name metrics this service really exports: every metric of every rule expression
 * (helm/synergy/files/prometheus-rules.yaml, the PrometheusRule's spec as deploy/helm-check renders it) and of every dashboard
 * query except the sector services' own ({@code synergy_reports_total}, checked by the energy service's tests) and the console
 * service's ({@link #CONSOLE_ONLY}: Kafka's lag, dead letters and records, the feeds' freshness, checked by its OpsApiTest) is in a scrape of
 * the running service once it has consumed an event. Latencies are histograms, and no sample is NaN.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class MetricsScrapeTest {

    /** Exported by the sector services only (the dashboard shows them; no rule needs them). */
    static final Set<String> SECTOR_ONLY = Set.of("synergy_reports_total");

    /** Exported by the console service (ops API: the Kafka sampler, the feeds' freshness). */
    static final Set<String> CONSOLE_ONLY = Set.of(
            "synergy_kafka_consumer_lag",
            "synergy_kafka_dlq_depth",
            "synergy_kafka_topic_records_total",
            "synergy_freshness_overdue_datasets",
            "synergy_ops_replays_total");

    private static final KafkaTestClient KAFKA = new KafkaTestClient(KafkaBroker.bootstrapServers());

    @AfterAll
    static void close() {
        KAFKA.close();
    }

    @Test
    void everyMetricTheAlertRulesAndTheDashboardNameIsInTheScrape() {
        Set<String> ruled = PromQl.metricNames(
                MonitoringFiles.rules().stream().map(MonitoringFiles.Rule::expr).toList());
        Set<String> charted =
                new TreeSet<>(PromQl.metricNames(MonitoringFiles.dashboardQueries(MonitoringFiles.dashboard())));
        charted.removeAll(SECTOR_ONLY);
        assertThat(ruled)
                .as("the rules' metrics")
                .contains(
                        "synergy_kafka_consumer_lag",
                        "synergy_kafka_dlq_depth",
                        "synergy_outbox_oldest_age_seconds",
                        "synergy_recompute_pending_age_seconds",
                        "synergy_freshness_overdue_datasets",
                        "http_server_requests_seconds_count");
        Set<String> ours = new TreeSet<>(ruled);
        ours.removeAll(CONSOLE_ONLY);
        charted.removeAll(CONSOLE_ONLY);

        // one event, so that a result changes and the per-result freshness meters have something to say
        new IndicatorEvents(KAFKA).ratio(Sector.WASTE, "W3", "370203", 2022, 350, 1000, 1);
        given().get("/api/v1/years").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String scrape =
                    given().get("/q/metrics").then().statusCode(200).extract().asString();
            Set<String> exported = MonitoringFiles.scrapedNames(scrape);
            assertThat(exported).as("metrics the alert rules name").containsAll(ours);
            assertThat(exported).as("metrics the dashboard names").containsAll(charted);
            assertThat(exported)
                    .as("latencies are histograms (buckets add up across replicas)")
                    .contains(
                            "http_server_requests_seconds_bucket",
                            "synergy_recompute_duration_seconds_bucket",
                            "synergy_result_freshness_seconds_bucket");
            assertThat(scrape.lines()
                            .filter(l -> l.startsWith("synergy_") && (l.endsWith(" NaN") || l.contains(" NaN ")))
                            .collect(Collectors.toList()))
                    .as("platform samples that are NaN")
                    .isEmpty();
            assertThat(scrape)
                    .as("no client-side percentiles")
                    .doesNotContain("synergy_recompute_duration_seconds{quantile=");
            // kept for a look (docs/operations.md quotes a scrape): target/scrape-example.txt
            Files.writeString(Path.of("target", "scrape-example.txt"), scrape);
        });
    }
}
