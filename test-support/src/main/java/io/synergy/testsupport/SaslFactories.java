package io.synergy.testsupport;

import java.security.Provider;
import java.security.Security;
import java.util.Map;
import javax.security.auth.callback.CallbackHandler;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslClientFactory;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import javax.security.sasl.SaslServerFactory;

/**
 * Kafka's SASL mechanisms for a test JVM with several class loaders. Kafka registers its PLAIN and SCRAM implementations as
 * JVM-wide security providers, once, from whichever class loader gets there first; a broker or client whose Kafka classes
 * come from another class loader (a Quarkus test profile's application) would get that class loader's SASL server or client,
 * whose callbacks its own callback handler does not recognise, and every authentication would fail ("credentials for user
 * could not be verified"). This provider, installed ahead of Kafka's, creates each mechanism with the classes of the class
 * loader of the callback handler Kafka passes in, i.e. of the broker or client asking.
 */
final class SaslFactories {

    private static final String NAME = "synergy-test-kafka-sasl";
    private static final Map<String, String> SERVERS = Map.of(
            "PLAIN", "org.apache.kafka.common.security.plain.internals.PlainSaslServer$PlainSaslServerFactory",
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.internals.ScramSaslServer$ScramSaslServerFactory");
    private static final Map<String, String> CLIENTS = Map.of(
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.internals.ScramSaslClient$ScramSaslClientFactory");

    private SaslFactories() {}

    /** Installs the provider once per JVM (idempotent; the first class loader's copy serves every class loader). */
    static void install() {
        synchronized (Security.class) {
            if (Security.getProvider(NAME) == null) {
                Security.insertProviderAt(new ByCallerProvider(), 1);
            }
        }
    }

    private static Object factory(String className, CallbackHandler handler) throws SaslException {
        ClassLoader loader = handler == null
                ? Thread.currentThread().getContextClassLoader()
                : handler.getClass().getClassLoader();
        try {
            return Class.forName(className, true, loader)
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException e) {
            throw new SaslException("no Kafka SASL factory " + className + " in " + loader, e);
        }
    }

    private static final class ByCallerProvider extends Provider {

        ByCallerProvider() {
            super(
                    NAME,
                    "1.0",
                    "Kafka's SASL mechanisms from the class loader of the broker or client that asks (tests only)");
            SaslServerFactory servers = new SaslServerFactory() {
                @Override
                public SaslServer createSaslServer(
                        String mechanism,
                        String protocol,
                        String serverName,
                        Map<String, ?> props,
                        CallbackHandler handler)
                        throws SaslException {
                    String className = SERVERS.get(mechanism);
                    return className == null
                            ? null
                            : ((SaslServerFactory) factory(className, handler))
                                    .createSaslServer(mechanism, protocol, serverName, props, handler);
                }

                @Override
                public String[] getMechanismNames(Map<String, ?> props) {
                    return SERVERS.keySet().toArray(String[]::new);
                }
            };
            SaslClientFactory clients = new SaslClientFactory() {
                @Override
                public SaslClient createSaslClient(
                        String[] mechanisms,
                        String authorizationId,
                        String protocol,
                        String serverName,
                        Map<String, ?> props,
                        CallbackHandler handler)
                        throws SaslException {
                    for (String mechanism : mechanisms) {
                        String className = CLIENTS.get(mechanism);
                        if (className != null) {
                            return ((SaslClientFactory) factory(className, handler))
                                    .createSaslClient(
                                            new String[] {mechanism},
                                            authorizationId,
                                            protocol,
                                            serverName,
                                            props,
                                            handler);
                        }
                    }
                    return null;
                }

                @Override
                public String[] getMechanismNames(Map<String, ?> props) {
                    return CLIENTS.keySet().toArray(String[]::new);
                }
            };
            SERVERS.keySet().forEach(m -> putService(new Fixed(this, "SaslServerFactory", m, servers)));
            CLIENTS.keySet().forEach(m -> putService(new Fixed(this, "SaslClientFactory", m, clients)));
        }
    }

    /** A service whose instance is the given object (not a class the provider's class loader would load by name). */
    private static final class Fixed extends Provider.Service {

        private final Object instance;

        Fixed(Provider provider, String type, String algorithm, Object instance) {
            super(provider, type, algorithm, instance.getClass().getName(), null, null);
            this.instance = instance;
        }

        @Override
        public Object newInstance(Object constructorParameter) {
            return instance;
        }
    }
}
