{{/*
Chart name (app.kubernetes.io/name).
*/}}
{{- define "kubelift-app.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name of every object. Defaults to the release name so that app.kubernetes.io/instance equals
metadata.name (Polaris metadataAndInstanceMismatched).
*/}}
{{- define "kubelift-app.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "kubelift-app.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Selector labels: immutable, never derived from tags.
*/}}
{{- define "kubelift-app.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kubelift-app.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Object metadata labels: standard labels + commonLabels.
*/}}
{{- define "kubelift-app.labels" -}}
{{- $labels := dict }}
{{- range $k, $v := .Values.commonLabels }}
{{- $_ := set $labels $k (toString $v) }}
{{- end }}
{{- $_ := set $labels "helm.sh/chart" (include "kubelift-app.chart" .) }}
{{- $_ := set $labels "app.kubernetes.io/name" (include "kubelift-app.name" .) }}
{{- $_ := set $labels "app.kubernetes.io/instance" .Release.Name }}
{{- $_ := set $labels "app.kubernetes.io/managed-by" .Release.Service }}
{{- $version := regexReplaceAll "[^-A-Za-z0-9_.]" (toString .Values.image.tag) "_" | trunc 63 | trimAll "-_." }}
{{- if $version }}
{{- $_ := set $labels "app.kubernetes.io/version" $version }}
{{- end }}
{{- toYaml $labels }}
{{- end }}

{{/*
Pod template labels: selector labels + podLabels.
*/}}
{{- define "kubelift-app.podLabels" -}}
{{- $labels := dict }}
{{- range $k, $v := .Values.podLabels }}
{{- $_ := set $labels $k (toString $v) }}
{{- end }}
{{- $_ := set $labels "app.kubernetes.io/name" (include "kubelift-app.name" .) }}
{{- $_ := set $labels "app.kubernetes.io/instance" .Release.Name }}
{{- toYaml $labels }}
{{- end }}

{{/*
commonAnnotations merged with extra annotations (a dict passed as .extra). Renders "annotations:" only when non-empty.
Usage: include "kubelift-app.annotations" (dict "ctx" $ "extra" $map)
*/}}
{{- define "kubelift-app.annotations" -}}
{{- $ann := dict }}
{{- range $k, $v := .ctx.Values.commonAnnotations }}
{{- $_ := set $ann $k (toString $v) }}
{{- end }}
{{- range $k, $v := (.extra | default dict) }}
{{- $_ := set $ann $k (toString $v) }}
{{- end }}
{{- if $ann }}
annotations:
  {{- toYaml $ann | nindent 2 }}
{{- end }}
{{- end }}

{{/*
ServiceAccount name.
*/}}
{{- define "kubelift-app.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "kubelift-app.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Container image reference: repository[:tag][@digest].
*/}}
{{- define "kubelift-app.image" -}}
{{- $ref := .Values.image.repository }}
{{- if .Values.image.tag }}
{{- $ref = printf "%s:%s" $ref (toString .Values.image.tag) }}
{{- end }}
{{- if .Values.image.digest }}
{{- $ref = printf "%s@%s" $ref .Values.image.digest }}
{{- end }}
{{- $ref }}
{{- end }}

{{/*
True ("true") when an autoscaler (HPA or KEDA) owns spec.replicas.
*/}}
{{- define "kubelift-app.autoscaled" -}}
{{- if or .Values.autoscaling.enabled .Values.autoscaling.keda.enabled }}true{{- end }}
{{- end }}

{{/*
The smallest replica count the workload will run with (replicaCount, or the autoscaler's minimum).
*/}}
{{- define "kubelift-app.minReplicas" -}}
{{- if .Values.autoscaling.enabled }}
{{- int .Values.autoscaling.minReplicas }}
{{- else if .Values.autoscaling.keda.enabled }}
{{- int .Values.autoscaling.keda.minReplicaCount }}
{{- else }}
{{- int .Values.replicaCount }}
{{- end }}
{{- end }}

{{- define "kubelift-app.isStatefulSet" -}}
{{- if eq .Values.workload.kind "StatefulSet" }}true{{- end }}
{{- end }}

{{/*
Annotations on the Deployment/StatefulSet: kubelift metadata, linter exemptions tied to values.
*/}}
{{- define "kubelift-app.workloadAnnotations" -}}
{{- $ann := dict }}
{{- with .Values.kubelift }}
{{- if .workloadId }}
{{- $_ := set $ann "kubelift/workload-id" (toString .workloadId) }}
{{- end }}
{{- if .haClass }}
{{- $_ := set $ann "kubelift/ha-class" (toString .haClass) }}
{{- end }}
{{- if .sourceArns }}
{{- $_ := set $ann "kubelift/source-arns" (toJson .sourceArns) }}
{{- end }}
{{- if .warnings }}
{{- $_ := set $ann "kubelift/warnings" (toJson .warnings) }}
{{- end }}
{{- end }}
{{- if include "kubelift-app.autoscaled" . }}
{{- $_ := set $ann "polaris.fairwinds.com/deploymentMissingReplicas-exempt" "true" }}
{{- end }}
{{- if eq .Values.image.pullPolicy "IfNotPresent" }}
{{- $_ := set $ann "kube-score/ignore" "container-image-pull-policy" }}
{{- $_ := set $ann "polaris.fairwinds.com/pullPolicyNotAlways-exempt" "true" }}
{{- end }}
{{- if not .Values.serviceAccount.create }}
{{- $_ := set $ann "ignore-check.kube-linter.io/non-existent-service-account" "ServiceAccount is managed outside this release (serviceAccount.create=false)" }}
{{- end }}
{{- toYaml $ann }}
{{- end }}

{{/*
Handler of a probe as a comparable string, following kube-score pod-probes-identical: httpGet compares
path + IntOrString.IntValue() of the port (a named port counts as 0), tcpSocket compares the port,
exec compares the command, grpc compares port + service.
*/}}
{{- define "kubelift-app.probeKey" -}}
{{- $p := . | default dict }}
{{- if $p.httpGet }}
{{- $port := toString (dig "port" "" $p.httpGet) }}
{{- if not (regexMatch "^[0-9]+$" $port) }}{{ $port = "0" }}{{ end }}
{{- printf "httpGet|%s|%d" (toString (dig "path" "" $p.httpGet)) (int $port) }}
{{- else if $p.tcpSocket }}
{{- printf "tcpSocket|%s" (toString (dig "port" "" $p.tcpSocket)) }}
{{- else if $p.exec }}
{{- printf "exec|%s" (toJson (dig "command" (list) $p.exec)) }}
{{- else if $p.grpc }}
{{- printf "grpc|%s|%s" (toString (dig "port" "" $p.grpc)) (toString (dig "service" "" $p.grpc)) }}
{{- end }}
{{- end }}

{{/*
Effective container ports (YAML map name -> {containerPort, protocol}): containerPorts, or
{http: 8080/TCP} when containerPorts is empty. The default lives here rather than in values.yaml
because Helm deep-merges maps: a default "http" entry could not be removed without a null, and
helm lint ignores nulls in user values.
*/}}
{{- define "kubelift-app.containerPorts" -}}
{{- if .Values.containerPorts }}
{{- toYaml .Values.containerPorts }}
{{- else }}
{{- toYaml (dict "http" (dict "containerPort" 8080 "protocol" "TCP")) }}
{{- end }}
{{- end }}

{{/*
A probe from values (ctx = root, key = startupProbe | readinessProbe | livenessProbe) as YAML; empty when
the probe is null, has enabled: false, or has no handler and no default applies. Default handlers
(used only when the values give none; see values.yaml for why the defaults hold no handler):
  readinessProbe: httpGet /health on the container port named http (if there is one);
  startupProbe:   the readiness handler (mapping §A.8);
  livenessProbe:  tcpSocket on the port named http, unless readiness already is exactly that
                  (kube-score pod-probes-identical), in which case no liveness probe is rendered.
*/}}
{{- define "kubelift-app.probe" -}}
{{- $handlers := list "httpGet" "tcpSocket" "grpc" "exec" }}
{{- $p := get .ctx.Values .key }}
{{- if and $p (kindIs "map" $p) (ne (toString (get $p "enabled")) "false") }}
{{- $p = omit (deepCopy $p) "enabled" }}
{{- if not (or $p.httpGet $p.tcpSocket $p.grpc $p.exec) }}
{{- $hasHttp := hasKey (include "kubelift-app.containerPorts" .ctx | fromYaml) "http" }}
{{- if eq .key "readinessProbe" }}
{{- if $hasHttp }}
{{- $_ := set $p "httpGet" (dict "path" "/health" "port" "http") }}
{{- end }}
{{- else if eq .key "startupProbe" }}
{{- $r := include "kubelift-app.probe" (dict "ctx" .ctx "key" "readinessProbe") | fromYaml }}
{{- range $h := $handlers }}
{{- if hasKey $r $h }}
{{- $_ := set $p $h (get $r $h) }}
{{- end }}
{{- end }}
{{- else }}
{{- $r := include "kubelift-app.probe" (dict "ctx" .ctx "key" "readinessProbe") | fromYaml }}
{{- $readinessIsTcpHttp := and $r.tcpSocket (eq (toString (dig "port" "" $r.tcpSocket)) "http") }}
{{- if and $hasHttp (not $readinessIsTcpHttp) }}
{{- $_ := set $p "tcpSocket" (dict "port" "http") }}
{{- end }}
{{- end }}
{{- end }}
{{- if or $p.httpGet $p.tcpSocket $p.grpc $p.exec }}
{{- toYaml $p }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Effective container lifecycle (YAML): a preStop exec/httpGet/tcpSocket handler replaces the default
preStop sleep (it can only have come from your values, and the merge keeps the default sleep next to
it); a preStop sleep of 0 seconds means no preStop hook.
*/}}
{{- define "kubelift-app.lifecycle" -}}
{{- $l := deepCopy (.Values.lifecycle | default dict) }}
{{- with $l.preStop }}
{{- if or .exec .httpGet .tcpSocket }}
{{- $_ := unset . "sleep" }}
{{- else if and .sleep (eq (int (dig "seconds" 0 .sleep)) 0) }}
{{- $_ := unset $l "preStop" }}
{{- end }}
{{- end }}
{{- if $l }}
{{- toYaml $l }}
{{- end }}
{{- end }}

{{/*
Cross-field rules JSON Schema cannot express (mapping §B.4), as a YAML list of messages.
templates/validate.yaml turns each into `fail` (helm template / install) and, because helm lint
downgrades `fail` to a log line, into an object helm lint --strict rejects.
*/}}
{{- define "kubelift-app.validationErrors" -}}
{{- $v := .Values }}
{{- $errs := list }}
{{- $autoscaled := include "kubelift-app.autoscaled" . }}
{{- if and $v.autoscaling.enabled $v.autoscaling.keda.enabled }}
{{- $errs = append $errs "autoscaling.enabled and autoscaling.keda.enabled are mutually exclusive (KEDA creates its own HPA)" }}
{{- end }}
{{- if and $v.autoscaling.enabled (le (int $v.autoscaling.maxReplicas) (int $v.autoscaling.minReplicas)) }}
{{- $errs = append $errs (printf "autoscaling.maxReplicas (%d) must be greater than autoscaling.minReplicas (%d)" (int $v.autoscaling.maxReplicas) (int $v.autoscaling.minReplicas)) }}
{{- end }}
{{- if and $v.autoscaling.keda.enabled (le (int $v.autoscaling.keda.maxReplicaCount) (int $v.autoscaling.keda.minReplicaCount)) }}
{{- $errs = append $errs (printf "autoscaling.keda.maxReplicaCount (%d) must be greater than autoscaling.keda.minReplicaCount (%d)" (int $v.autoscaling.keda.maxReplicaCount) (int $v.autoscaling.keda.minReplicaCount)) }}
{{- end }}
{{- if and $v.autoscaling.keda.enabled (not $v.autoscaling.keda.triggers) }}
{{- $errs = append $errs "autoscaling.keda.triggers must list at least one trigger when autoscaling.keda.enabled" }}
{{- end }}
{{- $minReplicas := int (include "kubelift-app.minReplicas" .) }}
{{- $singleton := eq (toString $v.kubelift.haClass) "singleton" }}
{{- if and (not $singleton) (lt $minReplicas 2) }}
{{- $errs = append $errs (printf "kubelift.haClass %s needs at least 2 replicas, got %d (use haClass singleton for a single pod)" (toString $v.kubelift.haClass) $minReplicas) }}
{{- end }}
{{- if and $singleton (or (gt $minReplicas 1) $autoscaled) }}
{{- $errs = append $errs "kubelift.haClass singleton runs exactly one pod: set replicaCount 1 and disable autoscaling" }}
{{- end }}
{{- $lifecycle := include "kubelift-app.lifecycle" . | fromYaml }}
{{- $sleep := dig "preStop" "sleep" "seconds" nil $lifecycle }}
{{- if and (not (kindIs "invalid" $sleep)) (ge (int $sleep) (int $v.terminationGracePeriodSeconds)) }}
{{- $errs = append $errs (printf "lifecycle.preStop.sleep.seconds (%d) must be less than terminationGracePeriodSeconds (%d), or the pod is killed before it drains" (int $sleep) (int $v.terminationGracePeriodSeconds)) }}
{{- end }}
{{- with $v.podDisruptionBudget }}
{{- if and .enabled (or (kindIs "float64" .minAvailable) (kindIs "int64" .minAvailable) (kindIs "int" .minAvailable)) (ge (int .minAvailable) $minReplicas) }}
{{- $errs = append $errs (printf "podDisruptionBudget.minAvailable (%d) must be less than the replica count (%d), or no pod can ever be evicted" (int .minAvailable) $minReplicas) }}
{{- end }}
{{- end }}
{{- $ports := include "kubelift-app.containerPorts" . | fromYaml }}
{{- if not (include "kubelift-app.probe" (dict "ctx" . "key" "readinessProbe")) }}
{{- $errs = append $errs "readinessProbe has no handler and containerPorts has no port named http for the default one: set readinessProbe.httpGet, tcpSocket, grpc or exec" }}
{{- end }}
{{- range $key := list "readinessProbe" "startupProbe" "livenessProbe" }}
{{- $p := include "kubelift-app.probe" (dict "ctx" $ "key" $key) | fromYaml }}
{{- range $h := list "httpGet" "tcpSocket" "grpc" }}
{{- $port := dig $h "port" nil $p }}
{{- if and (kindIs "string" $port) (not (regexMatch "^[0-9]+$" $port)) (not (hasKey $ports $port)) }}
{{- $errs = append $errs (printf "%s.%s.port '%s' is not a container port (containerPorts: %s)" $key $h $port (keys $ports | sortAlpha | join ", ")) }}
{{- end }}
{{- end }}
{{- end }}
{{- if $v.service.enabled }}
{{- $tp := $v.service.targetPort }}
{{- if and (kindIs "string" $tp) (not (regexMatch "^[0-9]+$" $tp)) (not (hasKey $ports $tp)) }}
{{- $errs = append $errs (printf "service.targetPort '%s' is not a container port (containerPorts: %s)" $tp (keys $ports | sortAlpha | join ", ")) }}
{{- end }}
{{- end }}
{{- if $v.networkPolicy.enabled }}
{{- range $i, $rule := $v.networkPolicy.ingress }}
{{- range $rule.ports }}
{{- if and (kindIs "string" .port) (not (regexMatch "^[0-9]+$" .port)) (not (hasKey $ports .port)) }}
{{- $errs = append $errs (printf "networkPolicy.ingress[%d] allows port '%s', which is not a container port (containerPorts: %s)" $i .port (keys $ports | sortAlpha | join ", ")) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- $r := include "kubelift-app.probeKey" (include "kubelift-app.probe" (dict "ctx" . "key" "readinessProbe") | fromYaml) }}
{{- if and $r (eq $r (include "kubelift-app.probeKey" (include "kubelift-app.probe" (dict "ctx" . "key" "livenessProbe") | fromYaml))) }}
{{- $errs = append $errs "livenessProbe must differ from readinessProbe (kube-score pod-probes-identical): use tcpSocket for liveness or another path" }}
{{- end }}
{{- if and $v.ingress.enabled (not $v.service.enabled) }}
{{- $errs = append $errs "ingress.enabled needs service.enabled" }}
{{- end }}
{{- if and $v.httpRoute.enabled (not $v.service.enabled) }}
{{- $errs = append $errs "httpRoute.enabled needs service.enabled" }}
{{- end }}
{{- $shared := or (has "ReadWriteMany" $v.persistence.accessModes) (has "ReadOnlyMany" $v.persistence.accessModes) }}
{{- $several := or (gt $minReplicas 1) $autoscaled }}
{{- if and $v.persistence.enabled (eq $v.workload.kind "Deployment") (not $v.persistence.existingClaim) (not $shared) $several }}
{{- $errs = append $errs "persistence with a ReadWriteOnce volume cannot be shared by several Deployment replicas: use workload.kind StatefulSet (one volume per replica) or a ReadWriteMany class such as EFS" }}
{{- end }}
{{- if and $v.persistence.enabled $v.persistence.existingClaim (not $shared) $several }}
{{- $errs = append $errs "persistence.existingClaim is a single ReadWriteOnce volume: use it with one replica only, or list ReadWriteMany in persistence.accessModes" }}
{{- end }}
{{- toYaml $errs }}
{{- end }}

{{/*
Pod template spec shared by the Deployment and the StatefulSet.
*/}}
{{- define "kubelift-app.podTemplate" -}}
{{- $v := .Values }}
{{- $fullname := include "kubelift-app.fullname" . }}
{{- $selector := include "kubelift-app.selectorLabels" . | fromYaml }}
{{- $podAnn := dict }}
{{- range $k, $val := $v.podAnnotations }}
{{- $_ := set $podAnn $k (toString $val) }}
{{- end }}
{{- if or $v.env (and $v.configMap.enabled $v.configMap.files) }}
{{- $_ := set $podAnn "checksum/config" (include (print $.Template.BasePath "/configmap.yaml") . | sha256sum) }}
{{- end }}
metadata:
  labels:
    {{- include "kubelift-app.podLabels" . | nindent 4 }}
  {{- with $podAnn }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with $v.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  serviceAccountName: {{ include "kubelift-app.serviceAccountName" . }}
  automountServiceAccountToken: {{ $v.serviceAccount.automount }}
  {{- with $v.podSecurityContext }}
  securityContext:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  terminationGracePeriodSeconds: {{ int $v.terminationGracePeriodSeconds }}
  {{- with $v.initContainers }}
  initContainers:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: app
      image: {{ include "kubelift-app.image" . | quote }}
      imagePullPolicy: {{ $v.image.pullPolicy }}
      {{- with $v.command }}
      command:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.args }}
      args:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with include "kubelift-app.containerPorts" . | fromYaml }}
      ports:
        {{- range $name, $p := . }}
        - name: {{ $name }}
          containerPort: {{ int $p.containerPort }}
          protocol: {{ $p.protocol | default "TCP" }}
        {{- end }}
      {{- end }}
      {{- $envFrom := list }}
      {{- if $v.env }}
      {{- $envFrom = append $envFrom (dict "configMapRef" (dict "name" (printf "%s-env" $fullname))) }}
      {{- end }}
      {{- with $v.secret.existingSecret }}
      {{- $envFrom = append $envFrom (dict "secretRef" (dict "name" .)) }}
      {{- end }}
      {{- $envFrom = concat $envFrom ($v.envFrom | default list) }}
      {{- with $envFrom }}
      envFrom:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.extraEnv }}
      env:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with include "kubelift-app.probe" (dict "ctx" . "key" "startupProbe") }}
      startupProbe:
        {{- . | nindent 8 }}
      {{- end }}
      {{- with include "kubelift-app.probe" (dict "ctx" . "key" "readinessProbe") }}
      readinessProbe:
        {{- . | nindent 8 }}
      {{- end }}
      {{- with include "kubelift-app.probe" (dict "ctx" . "key" "livenessProbe") }}
      livenessProbe:
        {{- . | nindent 8 }}
      {{- end }}
      {{- with include "kubelift-app.lifecycle" . }}
      lifecycle:
        {{- . | nindent 8 }}
      {{- end }}
      {{- with $v.resources }}
      resources:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.securityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- $mounts := list }}
      {{- if dig "readOnlyRootFilesystem" false ($v.securityContext | default dict) }}
      {{- $mounts = append $mounts (dict "name" "tmp" "mountPath" "/tmp") }}
      {{- end }}
      {{- if and $v.configMap.enabled $v.configMap.files }}
      {{- range $path, $_ := $v.configMap.files }}
      {{- $mounts = append $mounts (dict "name" "config-files" "mountPath" $path "subPath" (include "kubelift-app.fileKey" $path) "readOnly" true) }}
      {{- end }}
      {{- end }}
      {{- if $v.persistence.enabled }}
      {{- $mounts = append $mounts (dict "name" $v.persistence.name "mountPath" $v.persistence.mountPath) }}
      {{- end }}
      {{- $mounts = concat $mounts ($v.volumeMounts | default list) }}
      {{- with $mounts }}
      volumeMounts:
        {{- toYaml . | nindent 8 }}
      {{- end }}
  {{- $volumes := list }}
  {{- if dig "readOnlyRootFilesystem" false ($v.securityContext | default dict) }}
  {{- $volumes = append $volumes (dict "name" "tmp" "emptyDir" dict) }}
  {{- end }}
  {{- if and $v.configMap.enabled $v.configMap.files }}
  {{- $volumes = append $volumes (dict "name" "config-files" "configMap" (dict "name" (printf "%s-files" $fullname))) }}
  {{- end }}
  {{- if $v.persistence.enabled }}
  {{- if $v.persistence.existingClaim }}
  {{- $volumes = append $volumes (dict "name" $v.persistence.name "persistentVolumeClaim" (dict "claimName" $v.persistence.existingClaim)) }}
  {{- else if ne $v.workload.kind "StatefulSet" }}
  {{- $volumes = append $volumes (dict "name" $v.persistence.name "persistentVolumeClaim" (dict "claimName" $fullname)) }}
  {{- end }}
  {{- end }}
  {{- $volumes = concat $volumes ($v.volumes | default list) }}
  {{- with $volumes }}
  volumes:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- $affinity := deepCopy ($v.affinity | default dict) }}
  {{- if not (hasKey $affinity "podAntiAffinity") }}
  {{- $term := dict "topologyKey" "kubernetes.io/hostname" "labelSelector" (dict "matchLabels" $selector) }}
  {{- if eq $v.podAntiAffinityPreset "soft" }}
  {{- $_ := set $affinity "podAntiAffinity" (dict "preferredDuringSchedulingIgnoredDuringExecution" (list (dict "weight" 100 "podAffinityTerm" $term))) }}
  {{- else if eq $v.podAntiAffinityPreset "hard" }}
  {{- $_ := set $affinity "podAntiAffinity" (dict "requiredDuringSchedulingIgnoredDuringExecution" (list $term)) }}
  {{- end }}
  {{- end }}
  {{- with $affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- $tsc := list }}
  {{- range $v.topologySpreadConstraints }}
  {{- $c := deepCopy . }}
  {{- if not (hasKey $c "labelSelector") }}
  {{- $_ := set $c "labelSelector" (dict "matchLabels" $selector) }}
  {{- end }}
  {{- $tsc = append $tsc $c }}
  {{- end }}
  {{- with $tsc }}
  topologySpreadConstraints:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}

{{/*
ConfigMap key for a file path: /etc/my app/app.conf -> etc_my_app_app.conf
*/}}
{{- define "kubelift-app.fileKey" -}}
{{- regexReplaceAll "[^-._a-zA-Z0-9]" (trimPrefix "/" .) "_" }}
{{- end }}
