package io.synergy.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of rendered manifests without an API server ({@code kubectl apply --dry-run=client} needs one for its
 * discovery): each built-in kind is bound to the Kubernetes API model (fabric8's generated types, the same the
 * Kubernetes client uses) with scalar coercion off, and any field the API type does not have -- a typo such as
 * {@code readinesProbe}, a field at the wrong level -- is an error. Custom resources (Strimzi, Prometheus Operator)
 * are checked structurally by the tests.
 */
final class KubeModel {

    static final Map<String, Class<?>> TYPES = Map.of(
            "apps/v1 Deployment", Deployment.class,
            "v1 Service", Service.class,
            "v1 ConfigMap", ConfigMap.class,
            "v1 Secret", Secret.class,
            "v1 ServiceAccount", ServiceAccount.class,
            "autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1 Ingress", Ingress.class);

    /** Custom resources the chart may render, checked structurally. */
    static final Set<String> CUSTOM = Set.of(
            "kafka.strimzi.io/v1beta2 KafkaTopic",
            "kafka.strimzi.io/v1 KafkaTopic",
            "monitoring.coreos.com/v1 ServiceMonitor",
            "monitoring.coreos.com/v1 PrometheusRule");

    private static final JsonMapper STRICT = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .build();

    /** RFC 1123 subdomain (object names); Services need an RFC 1035 label. */
    static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    static final Pattern LABEL_KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    private KubeModel() {}

    static String typeKey(JsonNode doc) {
        return doc.path("apiVersion").asText() + " " + doc.path("kind").asText();
    }

    /** Every problem of one document, empty if none. */
    static List<String> problems(JsonNode doc) {
        List<String> problems = new ArrayList<>();
        String key = typeKey(doc);
        String name = doc.path("metadata").path("name").asText("");
        String where = key + " " + name;
        if (!doc.path("metadata").isObject()) {
            problems.add(where + ": no metadata");
            return problems;
        }
        if (name.isEmpty()
                || name.length() > 253
                || !DNS_SUBDOMAIN.matcher(name).matches()) {
            problems.add(where + ": metadata.name is not a DNS subdomain");
        }
        if (key.equals("v1 Service")
                && (name.length() > 63 || !DNS_LABEL.matcher(name).matches())) {
            problems.add(where + ": a Service name must be a DNS label (RFC 1035)");
        }
        doc.path("metadata").path("labels").fields().forEachRemaining(e -> {
            if (!LABEL_KEY.matcher(e.getKey()).matches()) {
                problems.add(where + ": label key " + e.getKey());
            }
            if (!e.getValue().isTextual()
                    || e.getValue().asText().length() > 63
                    || !LABEL_VALUE.matcher(e.getValue().asText()).matches()) {
                problems.add(where + ": label " + e.getKey() + "=" + e.getValue());
            }
        });
        doc.path("metadata").path("annotations").fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                problems.add(where + ": annotation " + e.getKey() + " is not a string");
            }
        });
        Class<?> type = TYPES.get(key);
        if (type == null) {
            if (!CUSTOM.contains(key)) {
                problems.add(where + ": unexpected kind");
            } else if (!doc.path("spec").isObject()) {
                problems.add(where + ": no spec");
            }
            return problems;
        }
        Object bound;
        try {
            bound = STRICT.treeToValue(doc, type);
        } catch (Exception e) {
            problems.add(where + ": does not bind to " + type.getSimpleName() + ": " + e.getMessage());
            return problems;
        }
        unknownFields(bound, type.getSimpleName(), problems, where);
        return problems;
    }

    /** Fields that landed in an API object's additionalProperties: the API type has no such field. */
    private static void unknownFields(Object value, String path, List<String> problems, String where) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> c) {
            int i = 0;
            for (Object o : c) {
                unknownFields(o, path + "[" + i++ + "]", problems, where);
            }
            return;
        }
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, problems, where));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : value.getClass().getMethods()) {
            if (m.getParameterCount() != 0
                    || Modifier.isStatic(m.getModifiers())
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String n = m.getName();
            try {
                if (n.equals("getAdditionalProperties")) {
                    Map<?, ?> extra = (Map<?, ?>) m.invoke(value);
                    if (extra != null && !extra.isEmpty()) {
                        problems.add(where + ": unknown field(s) " + extra.keySet() + " at " + path);
                    }
                } else if (n.startsWith("get") && n.length() > 3) {
                    String field = Character.toLowerCase(n.charAt(3)) + n.substring(4);
                    unknownFields(m.invoke(value), path + "." + field, problems, where);
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                problems.add(where + ": cannot read " + path + "." + n + ": " + e);
            }
        }
    }
}
