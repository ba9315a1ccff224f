{{/* The release's full name, at most 63 characters (a DNS label). */}}
{{- define "revkv-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "revkv-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "revkv-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "revkv-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "revkv-operator.labels" -}}
{{ include "revkv-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The namespaces the operator watches in namespace scope. */}}
{{- define "revkv-operator.watchNamespaces" -}}
{{- $namespaces := .Values.rbac.watchNamespaces | default (list .Release.Namespace) -}}
{{- join "," $namespaces -}}
{{- end -}}

{{/*
What the operator does to KVClusters and the objects it owns, in the namespaces it watches. Each rule is what the code
uses (the chart's tests derive the same set from the code and compare):
- kvclusters: the SDK watches them and patches their status; the executor reads the latest and updates its status;
  no finalizer (the reconciler is no Cleaner), so the object itself is never written;
  kvclusters/finalizers: members' Pods own references with blockOwnerDeletion, which needs update on the owner's
  finalizers where OwnerReferencesPermissionEnforcement is on.
- services and poddisruptionbudgets: the reconciler's dependents (peer and client Services, the quorum budget),
  watched, created and kept by server-side apply, deleted with their cluster.
- pods, persistentvolumeclaims, events, secrets: the reconciler's @RBACRule annotations.
*/}}
{{- define "revkv-operator.rules" -}}
- apiGroups: ["revkv.io"]
  resources: ["kvclusters"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["revkv.io"]
  resources: ["kvclusters/status"]
  verbs: ["patch", "update"]
- apiGroups: ["revkv.io"]
  resources: ["kvclusters/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: [""]
  resources: ["pods", "persistentvolumeclaims"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
{{- end -}}
