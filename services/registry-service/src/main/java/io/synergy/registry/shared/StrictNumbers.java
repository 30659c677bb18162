package io.synergy.registry.shared;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * A whole number in a body is whole: Jackson would otherwise truncate {@code "targetYear": 2025.5} to 2025 without a
 * word. Such a field is refused instead, as a 400 naming it (platform-kit's {@code ProblemMappers}).
 */
@Singleton
public class StrictNumbers implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
