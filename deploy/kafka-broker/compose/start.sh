#!/usr/bin/env bash
# The compose file's Kafka (deploy/compose.yaml), in the official apache/kafka image: one KRaft node secured as the platform
# runs Kafka (docs/security.md) -- SASL/SCRAM-SHA-512 on the listeners clients use, SASL/PLAIN for the administrator alone
# on the controller listener, StandardAuthorizer, deny by default. The storage is formatted once, with every principal's
# SCRAM credential (kafka-storage format --add-scram); the passwords come from the environment, SYNERGY_KAFKA_PASSWORD_<P>
# for principal <p> (ENERGY_SERVICE: energy-service), which deploy/compose-credentials.sh writes to deploy/.env.
# The ACLs and topics are the kafka-init container's (io.synergy.kafka.Provision).
set -euo pipefail

: "${SYNERGY_KAFKA_PASSWORD_ADMIN:?no administrator password: run deploy/compose-credentials.sh}"
CONFIG=/tmp/server.properties
DATA=${KAFKA_LOG_DIRS:-/var/lib/kafka/data}
cat > "$CONFIG" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@kafka:29093
controller.listener.names=CONTROLLER
# INTERNAL for the containers (kafka:19092), HOST for clients on the host machine (published on 127.0.0.1:9092)
listeners=CONTROLLER://:29093,INTERNAL://:19092,HOST://:9092
advertised.listeners=INTERNAL://kafka:19092,HOST://localhost:9092
inter.broker.listener.name=INTERNAL
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,HOST:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.internal.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${SYNERGY_KAFKA_PASSWORD_ADMIN}";
listener.name.host.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.controller.sasl.enabled.mechanisms=PLAIN
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${SYNERGY_KAFKA_PASSWORD_ADMIN}" user_admin="${SYNERGY_KAFKA_PASSWORD_ADMIN}";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin
log.dirs=${DATA}
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
chmod 600 "$CONFIG"

# the administrator's client configuration, for the health check
cat > /tmp/admin.properties <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${SYNERGY_KAFKA_PASSWORD_ADMIN}";
PROPERTIES
chmod 600 /tmp/admin.properties

if [ ! -f "$DATA/meta.properties" ]; then
  scram=()
  # SYNERGY_KAFKA_PASSWORD_BUREAU_ENERGY -> bureau-energy
  while IFS='=' read -r name value; do
    principal=$(echo "${name#SYNERGY_KAFKA_PASSWORD_}" | tr '[:upper:]_' '[:lower:]-')
    scram+=(--add-scram "SCRAM-SHA-512=[name=${principal},password=${value}]")
  done < <(env | grep '^SYNERGY_KAFKA_PASSWORD_' | sort)
  /opt/kafka/bin/kafka-storage.sh format -t "${CLUSTER_ID:?}" -c "$CONFIG" "${scram[@]}"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$CONFIG"
