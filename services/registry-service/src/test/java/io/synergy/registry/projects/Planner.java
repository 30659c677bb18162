package io.synergy.registry.projects;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import io.synergy.testsupport.TestTokens;

/** Requests of a planner (roles reader and planner), who records key projects and pilots. */
public final class Planner {

    public static final String TOKEN = TestTokens.bearer(TestTokens.token("reader", "planner"));

    private Planner() {}

    public static RequestSpecification asPlanner() {
        return given().header("Authorization", TOKEN);
    }
}
