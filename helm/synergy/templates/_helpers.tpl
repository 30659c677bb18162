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
Whether this chart renders its own Secret: a database password or a JWT public key is given inline, or the database
password has no existing Secret (the Secret then lacks DB_PASSWORD, and the pods say so: see NOTES.txt).
*/}}
{{- define "synergy.renderSecret" -}}
{{- $db := .Values.global.database -}}
{{- $jwt := .Values.global.jwt -}}
{{- if or (not $db.existingSecret) (and $jwt.publicKey (not $jwt.existingSecret)) -}}true{{- end -}}
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
