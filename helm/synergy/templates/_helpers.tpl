{{/*
Prefix of every resource name: fullnameOverride or the release name.
*/}}
{{- define "synergy.prefix" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/*
The eight services, in a fixed order: aggregation first, then the sectors as the catalogue lists them, then the registry
and the console.
*/}}
{{- define "synergy.serviceKeys" -}}
aggregation energy transport building agriculture waste registry console
{{- end -}}

{{/*
The five sector services: they all serve the same paths, so the Ingress tells them apart by host or prefix.
*/}}
{{- define "synergy.sectorKeys" -}}
energy transport building agriculture waste
{{- end -}}

{{/*
Name of a service's resources. Call with (dict "root" $ "key" "energy").
*/}}
{{- define "synergy.serviceFullname" -}}
{{- printf "%s-%s-service" (include "synergy.prefix" .root) .key | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
app.kubernetes.io/component of a service.
*/}}
{{- define "synergy.component" -}}
{{- if or (eq .key "aggregation") (eq .key "registry") (eq .key "console") -}}{{ .key }}{{- else -}}sector{{- end -}}
{{- end -}}

{{/*
Labels common to everything the chart renders.
*/}}
{{- define "synergy.commonLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: synergy
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/*
Selector labels of a service (stable across upgrades). Call with (dict "root" $ "key" "energy").
*/}}
{{- define "synergy.selectorLabels" -}}
app.kubernetes.io/name: {{ printf "%s-service" .key }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/*
Every label of a service's resources. Call with (dict "root" $ "key" "energy").
*/}}
{{- define "synergy.serviceLabels" -}}
{{ include "synergy.commonLabels" .root }}
app.kubernetes.io/name: {{ printf "%s-service" .key }}
app.kubernetes.io/component: {{ include "synergy.component" . }}
{{- if eq (include "synergy.component" .) "sector" }}
synergy.qingdao/sector: {{ .key }}
{{- end }}
{{- end -}}

{{/*
Labels of the shared resources (ConfigMap, Secret, ServiceAccount, ServiceMonitor, Ingress, topics).
*/}}
{{- define "synergy.sharedLabels" -}}
{{ include "synergy.commonLabels" .root }}
app.kubernetes.io/name: synergy
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/*
Image of a service: <registry>/<group>/<repository>:<tag>, each part from the service's image block or global.image.
Call with (dict "root" $ "svc" $svc).
*/}}
{{- define "synergy.image" -}}
{{- $g := .root.Values.global.image -}}
{{- $i := .svc.image | default dict -}}
{{- $registry := $i.registry | default $g.registry -}}
{{- $group := $i.group | default $g.group -}}
{{- $tag := $i.tag | default $g.tag | default .root.Chart.AppVersion -}}
{{- $parts := list -}}
{{- if $registry }}{{- $parts = append $parts $registry -}}{{- end -}}
{{- if $group }}{{- $parts = append $parts $group -}}{{- end -}}
{{- $parts = append $parts (required "services.<key>.image.repository is required" $i.repository) -}}
{{- printf "%s:%s" (join "/" $parts) (toString $tag) -}}
{{- end -}}

{{/*
Name of the shared resources: the prefix, with "-synergy" unless it already says synergy (release "synergy" gives
synergy-config, release "city" gives city-synergy-config).
*/}}
{{- define "synergy.sharedName" -}}
{{- $prefix := include "synergy.prefix" . -}}
{{- if contains "synergy" $prefix -}}{{ $prefix }}{{- else -}}{{ printf "%s-synergy" $prefix }}{{- end -}}
{{- end -}}

{{- define "synergy.configMapName" -}}
{{- printf "%s-config" (include "synergy.sharedName" .) -}}
{{- end -}}

{{- define "synergy.secretName" -}}
{{- printf "%s-secret" (include "synergy.sharedName" .) -}}
{{- end -}}

{{- define "synergy.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "synergy.sharedName" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
A service's database role and where its password comes from (global.database, services.<key>.database): a JSON object
{user, secret, passwordKey, userKey, inline, hasPassword}. The service's own existingSecret wins, then its password (this
chart's Secret, key DB_PASSWORD_<KEY>), then global.database.existingSecretPrefix; with none the chart's Secret is named
all the same and lacks the key (NOTES.txt warns). Call with (dict "root" $ "key" "energy").
*/}}
{{- define "synergy.dbRole" -}}
{{- $g := .root.Values.global.database -}}
{{- $d := (index .root.Values.services .key).database | default dict -}}
{{- $role := dict "user" ($d.user | default (printf "synergy_%s" .key)) "inline" false "hasPassword" true -}}
{{- $existing := $d.existingSecret | default "" -}}
{{- if and (not $existing) (not $d.password) $g.existingSecretPrefix -}}
{{- $existing = printf "%s%s" $g.existingSecretPrefix .key -}}
{{- end -}}
{{- if $existing -}}
{{- $_ := set $role "secret" $existing -}}
{{- $_ := set $role "passwordKey" ($d.passwordKey | default $g.passwordKey) -}}
{{- $_ := set $role "userKey" ($d.userKey | default $g.userKey | default "") -}}
{{- else -}}
{{- $_ := set $role "secret" (include "synergy.secretName" .root) -}}
{{- $_ := set $role "passwordKey" (printf "DB_PASSWORD_%s" (upper .key)) -}}
{{- $_ := set $role "userKey" "" -}}
{{- $_ := set $role "inline" true -}}
{{- $_ := set $role "hasPassword" (not (empty $d.password)) -}}
{{- end -}}
{{- toJson $role -}}
{{- end -}}

{{/*
Refuses the one shared database role of earlier versions (every service has its own now) and two services configured
with the same role.
*/}}
{{- define "synergy.checkDatabase" -}}
{{- $g := .Values.global.database -}}
{{- range $old := list "user" "password" "existingSecret" }}
{{- if index $g $old }}
{{- fail (printf "global.database.%s is gone: every service connects as a role of its own (services.<key>.database.user, default synergy_<key>) with its own password (services.<key>.database.password or .existingSecret, or global.database.existingSecretPrefix); docs/deploy.md, \"3. PostgreSQL\"" $old) }}
{{- end }}
{{- end }}
{{- $seen := dict }}
{{- range $key := splitList " " (include "synergy.serviceKeys" $) }}
{{- if (index $.Values.services $key).enabled }}
{{- $role := include "synergy.dbRole" (dict "root" $ "key" $key) | fromJson }}
{{- if not $role.userKey }}
{{- with get $seen $role.user }}
{{- fail (printf "services.%s.database.user and services.%s.database.user are both %s: each service needs a role of its own (it owns that service's schema only)" . $key $role.user) }}
{{- end }}
{{- $_ := set $seen $role.user $key }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
Whether this chart renders its own Secret: a service's database password is not in an existing Secret (given inline, or
missing: the Secret then lacks that service's DB_PASSWORD_<KEY>, and NOTES.txt says so), or the JWT public key is
given inline.
*/}}
{{- define "synergy.renderSecret" -}}
{{- $jwt := .Values.global.jwt -}}
{{- $inline := and $jwt.publicKey (not $jwt.existingSecret) -}}
{{- range $key := splitList " " (include "synergy.serviceKeys" $) }}
{{- if and (index $.Values.services $key).enabled (include "synergy.dbRole" (dict "root" $ "key" $key) | fromJson).inline }}
{{- $inline = true }}
{{- end }}
{{- end }}
{{- if $inline -}}true{{- end -}}
{{- end -}}

{{/*
The registry service as clients reach it: where the aggregation's former registry paths redirect (308). links.registry
if set; else the Ingress host when the Ingress is on (it routes the registry's paths to the registry service); else the
registry's Service inside the cluster.
*/}}
{{- define "synergy.links.registry" -}}
{{- $ing := .Values.ingress -}}
{{- if .Values.links.registry -}}
{{- .Values.links.registry -}}
{{- else if $ing.enabled -}}
{{- printf "%s://%s" (ternary "https" "http" (not (empty $ing.tls))) $ing.host -}}
{{- else -}}
{{- printf "http://%s:%v" (include "synergy.serviceFullname" (dict "root" . "key" "registry")) .Values.services.registry.port -}}
{{- end -}}
{{- end -}}

{{/*
The aggregation service as the officials' browsers reach it: where the dashboard links to the assessment report.
links.aggregation if set; else the Ingress host when the Ingress is on (it routes /api/v1/assessment to the aggregation);
else the aggregation's Service inside the cluster.
*/}}
{{- define "synergy.links.aggregation" -}}
{{- $ing := .Values.ingress -}}
{{- if .Values.links.aggregation -}}
{{- .Values.links.aggregation -}}
{{- else if $ing.enabled -}}
{{- printf "%s://%s" (ternary "https" "http" (not (empty $ing.tls))) $ing.host -}}
{{- else -}}
{{- printf "http://%s:%v" (include "synergy.serviceFullname" (dict "root" . "key" "aggregation")) .Values.services.aggregation.port -}}
{{- end -}}
{{- end -}}

{{/*
The console service as clients reach it: where the aggregation's former ops and dashboard paths (and "/") redirect
(308). links.console if set; else the Ingress host when the Ingress is on (it routes those paths and "/" to the console);
else the console's Service inside the cluster.
*/}}
{{- define "synergy.links.console" -}}
{{- $ing := .Values.ingress -}}
{{- if .Values.links.console -}}
{{- .Values.links.console -}}
{{- else if $ing.enabled -}}
{{- printf "%s://%s" (ternary "https" "http" (not (empty $ing.tls))) $ing.host -}}
{{- else -}}
{{- printf "http://%s:%v" (include "synergy.serviceFullname" (dict "root" . "key" "console")) .Values.services.console.port -}}
{{- end -}}
{{- end -}}

{{/*
Refuses a private key where the public key belongs.
*/}}
{{- define "synergy.checkJwtKey" -}}
{{- if contains "PRIVATE KEY" (toString .Values.global.jwt.publicKey) -}}
{{- fail "global.jwt.publicKey holds a PRIVATE key: give the PEM public key (-----BEGIN PUBLIC KEY-----); the private key never goes into the cluster's services" -}}
{{- end -}}
{{- end -}}

{{/*
The platform's topics with who writes and who reads each, as shared-model's Topics.all() declares them (TopicAccess): the
KafkaTopic resources and the KafkaUsers' ACLs both come from this one list, and deploy/helm-check compares both with the
Java model. A JSON list of {name, partitions, kind, compact, logAppendTime, writers, readers}.
*/}}
{{- define "synergy.platformTopics" -}}
{{- $kt := .Values.kafkaTopics -}}
{{- $p := $kt.partitions -}}
{{- $services := list "aggregation-service" -}}
{{- range $s := $kt.sectors }}{{ $services = append $services (printf "%s-service" $s) }}{{ end -}}
{{- $services = concat $services (list "registry-service" "console-service") -}}
{{- $topics := list -}}
{{- range $s := $kt.sectors }}
{{- $svc := printf "%s-service" $s }}
{{- $topics = append $topics (dict "name" (printf "feeds.%s.v1" $s) "partitions" $p.feeds "kind" "feed" "logAppendTime" true
      "writers" (list (printf "bureau-%s" $s) "ops") "readers" (list $svc)) }}
{{- $topics = append $topics (dict "name" (printf "feeds.%s.v1.dlq" $s) "partitions" $p.deadLetters "kind" "dead-letters"
      "writers" (list $svc) "readers" (list "ops")) }}
{{- $topics = append $topics (dict "name" (printf "indicators.%s.v1" $s) "partitions" $p.indicators "kind" "indicators"
      "writers" (list $svc) "readers" (list "aggregation-service" "console-service")) }}
{{- end }}
{{- $topics = append $topics (dict "name" "results.v1" "partitions" $p.results "kind" "results" "compact" true
      "writers" (list "aggregation-service") "readers" (list "console-service")) }}
{{- $topics = append $topics (dict "name" "alerts.v1" "partitions" $p.alerts "kind" "alerts" "writers" (list "aggregation-service")
      "readers" (list "console-service")) }}
{{- $topics = append $topics (dict "name" "org-units.v1" "partitions" $p.orgUnits "kind" "org-units" "compact" true
      "writers" (list "registry-service") "readers" $services) }}
{{- $topics = append $topics (dict "name" "indicators.v1.dlq" "partitions" $p.indicatorDeadLetters "kind" "dead-letters"
      "writers" (list "aggregation-service") "readers" (list "ops")) }}
{{- $topics = append $topics (dict "name" "org-units.v1.dlq" "partitions" $p.orgUnitDeadLetters "kind" "dead-letters" "compact" true
      "writers" $services "readers" (list "ops")) }}
{{- $topics = append $topics (dict "name" "projects.v1" "partitions" $p.projects "kind" "projects" "compact" true
      "writers" (list "registry-service") "readers" (list "aggregation-service")) }}
{{- $topics = append $topics (dict "name" "projects.v1.dlq" "partitions" $p.projectDeadLetters "kind" "dead-letters" "compact" true
      "writers" (list "aggregation-service") "readers" (list "ops")) }}
{{- $topics = append $topics (dict "name" "pilots.v1" "partitions" $p.pilots "kind" "pilots" "compact" true
      "writers" (list "registry-service") "readers" (list "aggregation-service")) }}
{{- $topics = append $topics (dict "name" "pilots.v1.dlq" "partitions" $p.pilotDeadLetters "kind" "dead-letters" "compact" true
      "writers" (list "aggregation-service") "readers" (list "ops")) }}
{{- $topics = append $topics (dict "name" "targets.v1" "partitions" $p.targets "kind" "targets" "compact" true
      "writers" (list "registry-service") "readers" (list "aggregation-service")) }}
{{- $topics = append $topics (dict "name" "targets.v1.dlq" "partitions" $p.targetDeadLetters "kind" "dead-letters" "compact" true
      "writers" (list "aggregation-service") "readers" (list "ops")) }}
{{- $sectorServices := list -}}
{{- range $s := $kt.sectors }}{{ $sectorServices = append $sectorServices (printf "%s-service" $s) }}{{ end -}}
{{- $topics = append $topics (dict "name" "approvals.v1" "partitions" $p.approvals "kind" "approvals" "compact" true
      "writers" $sectorServices "readers" (list "registry-service" "aggregation-service")) }}
{{- $topics = append $topics (dict "name" "approvals.v1.dlq" "partitions" $p.approvalDeadLetters "kind" "dead-letters"
      "writers" (list "registry-service" "aggregation-service") "readers" (list "ops")) }}
{{- $topics = append $topics (dict "name" "reminders.v1" "partitions" $p.reminders "kind" "reminders"
      "writers" (list "registry-service") "readers" (list)) }}
{{- toJson $topics -}}
{{- end -}}

{{/*
Adds an operation to a principal's ACL rules. Call with (dict "acls" $acls "principal" p "type" t "name" n "pattern" literal|prefix "op" O).
*/}}
{{- define "synergy.addAcl" -}}
{{- $rules := get .acls .principal | default dict -}}
{{- $key := printf "%s|%s|%s" .type .name .pattern -}}
{{- $ops := get $rules $key | default list -}}
{{- $_ := set $rules $key (append $ops .op) -}}
{{- $_ := set .acls .principal $rules -}}
{{- end -}}

{{/*
The platform's ACLs by principal (shared-model's KafkaAccess): each topic's writers Write it and its readers Read it, ops
Describes (and DescribeConfigs) every topic and the committed consumer groups, each service Reads its own consumer groups.
A JSON object principal -> {"<type>|<name>|<pattern>": [operations]}.
*/}}
{{- define "synergy.kafkaAcls" -}}
{{- $acls := dict -}}
{{- range $t := include "synergy.platformTopics" . | fromJsonArray }}
{{- range $w := $t.writers }}{{ include "synergy.addAcl" (dict "acls" $acls "principal" $w "type" "topic" "name" $t.name "pattern" "literal" "op" "Write") }}{{ end }}
{{- range $r := $t.readers }}{{ include "synergy.addAcl" (dict "acls" $acls "principal" $r "type" "topic" "name" $t.name "pattern" "literal" "op" "Read") }}{{ end }}
{{- include "synergy.addAcl" (dict "acls" $acls "principal" "ops" "type" "topic" "name" $t.name "pattern" "literal" "op" "Describe") }}
{{- include "synergy.addAcl" (dict "acls" $acls "principal" "ops" "type" "topic" "name" $t.name "pattern" "literal" "op" "DescribeConfigs") }}
{{- end }}
{{- $groups := list (dict "principal" "aggregation-service" "name" "aggregation-service") (dict "principal" "aggregation-service" "name" "aggregation-service-targets")
      (dict "principal" "aggregation-service" "name" "aggregation-service-approvals") (dict "principal" "aggregation-service" "name" "aggregation-service-projects") (dict "principal" "aggregation-service" "name" "aggregation-service-pilots")
      (dict "principal" "registry-service" "name" "registry-service-approvals") (dict "principal" "console-service" "name" "console-service") -}}
{{- range $s := .Values.kafkaTopics.sectors }}{{ $groups = append $groups (dict "principal" (printf "%s-service" $s) "name" (printf "%s-service-feed" $s)) }}{{ end -}}
{{- range $g := $groups }}
{{- include "synergy.addAcl" (dict "acls" $acls "principal" $g.principal "type" "group" "name" $g.name "pattern" "literal" "op" "Read") }}
{{- include "synergy.addAcl" (dict "acls" $acls "principal" "ops" "type" "group" "name" $g.name "pattern" "literal" "op" "Describe") }}
{{- end }}
{{- /* every instance reads org-units.v1 from the start with a group of its own per start: <service>-org-units-<uuid> */}}
{{- $services := list "aggregation-service" -}}
{{- range $s := .Values.kafkaTopics.sectors }}{{ $services = append $services (printf "%s-service" $s) }}{{ end -}}
{{- range $svc := concat $services (list "registry-service" "console-service") }}
{{- include "synergy.addAcl" (dict "acls" $acls "principal" $svc "type" "group" "name" (printf "%s-org-units-" $svc) "pattern" "prefix" "op" "Read") }}
{{- end }}
{{- toJson $acls -}}
{{- end -}}

{{/*
The Kafka principals the chart's services authenticate as: each service's own, and ops for the console's ops API.
*/}}
{{- define "synergy.kafkaUserName" -}}
{{- printf "%s-%s" (include "synergy.prefix" .root) .principal | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
An environment variable holding a principal's sasl.jaas.config, from a Secret: the one Strimzi creates for the principal's
KafkaUser, or kafka.existingSecret's key of that principal. Nothing when neither is configured (see NOTES.txt).
Call with (dict "root" $ "env" NAME "principal" p).
*/}}
{{- define "synergy.kafkaCredentialEnv" -}}
{{- $k := .root.Values.kafka -}}
{{- if or $k.strimzi.enabled $k.existingSecret }}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      {{- if $k.strimzi.enabled }}
      name: {{ include "synergy.kafkaUserName" . }}
      key: sasl.jaas.config
      {{- else }}
      name: {{ $k.existingSecret }}
      key: {{ .principal }}
      {{- end }}
{{- end }}
{{- end -}}
