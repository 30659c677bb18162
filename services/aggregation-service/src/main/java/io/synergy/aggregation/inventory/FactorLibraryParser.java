package io.synergy.aggregation.inventory;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a factor library from JSON or YAML, strictly: unknown fields, duplicate keys, strings where numbers belong and
 * fractional years are refused with the field named, so a typo can never silently drop a factor.
 */
public final class FactorLibraryParser {

    public static final List<String> YAML_TYPES =
            List.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml");

    private static final ObjectMapper JSON = strict(JsonMapper.builder());
    private static final ObjectMapper YAML = strict(YAMLMapper.builder());

    private FactorLibraryParser() {}

    private static ObjectMapper strict(MapperBuilder<?, ?> builder) {
        return builder.addModule(new JavaTimeModule())
                .enable(
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    public static boolean isYaml(String mediaType) {
        return mediaType != null
                && YAML_TYPES.stream()
                        .anyMatch(t -> mediaType.toLowerCase(Locale.ROOT).startsWith(t));
    }

    /** Parses a posted body; a fault is a 400 problem naming the field. */
    public static FactorLibraryDocument parse(byte[] body, boolean yaml) {
        if (body == null || body.length == 0) {
            throw ProblemException.invalid(
                    "The factor library is empty", List.of(new FieldError("body", "a factor library is required")));
        }
        try {
            FactorLibraryDocument doc = (yaml ? YAML : JSON).readValue(body, FactorLibraryDocument.class);
            if (doc == null) {
                throw ProblemException.invalid(
                        "The factor library is empty", List.of(new FieldError("body", "a factor library is required")));
            }
            List<FieldError> nulls = new ArrayList<>();
            if (doc.ncv() != null) {
                for (int i = 0; i < doc.ncv().size(); i++) {
                    if (doc.ncv().get(i) == null) {
                        nulls.add(new FieldError("ncv[" + i + "]", "is empty"));
                    }
                }
            }
            if (doc.factors() != null) {
                for (int i = 0; i < doc.factors().size(); i++) {
                    if (doc.factors().get(i) == null) {
                        nulls.add(new FieldError("factors[" + i + "]", "is empty"));
                    }
                }
            }
            if (!nulls.isEmpty()) {
                throw ProblemException.invalid("The factor library is not valid", nulls);
            }
            return doc;
        } catch (JsonParseException e) {
            throw new ProblemException(
                    400,
                    "malformed-json",
                    "Malformed " + (yaml ? "YAML" : "JSON"),
                    e.getOriginalMessage(),
                    List.of(new FieldError("body", e.getOriginalMessage())));
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.invalid(
                    "The factor library is not valid",
                    List.of(new FieldError(path(e), "unknown field '" + e.getPropertyName() + "'")));
        } catch (JsonMappingException e) {
            throw ProblemException.invalid(
                    "The factor library is not valid", List.of(new FieldError(path(e), e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            throw new ProblemException(
                    400, "malformed-json", "Malformed " + (yaml ? "YAML" : "JSON"), e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading a request body held in memory", e);
        }
    }

    /** Reads the shipped or configured first library; it must be valid (a fault stops the start). */
    public static FactorLibraryDocument read(InputStream in, String name) throws IOException {
        return (name.endsWith(".json") ? JSON : YAML).readValue(in, FactorLibraryDocument.class);
    }

    /** {@code factors[3].factor}, from Jackson's path of the failure. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            }
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }
}
