package io.synergy.console;

import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;
import io.restassured.RestAssured;
import io.synergy.testsupport.DefaultAuthorization;

/**
 * Every test class of this module talks to the service as an official who may read and operate (roles reader and
 * ops), unless a request says otherwise; the access rules themselves are tested in {@code AccessControlTest}.
 */
public class AuthenticatedTests implements QuarkusTestBeforeClassCallback {

    @Override
    public void beforeClass(Class<?> testClass) {
        RestAssured.replaceFiltersWith(DefaultAuthorization.as("reader", "ops"));
    }
}
