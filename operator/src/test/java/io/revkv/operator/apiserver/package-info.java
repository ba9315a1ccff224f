/**
 * What the Kubernetes API server does with a KVCluster before storing it, played in tests because the fabric8
 * mock server does none of it: structural defaulting, OpenAPI schema validation with strict field validation (a
 * JSON Schema validator), and the CRD's CEL rules ({@code x-kubernetes-validations}, transition rules included)
 * evaluated with cel-java and Kubernetes' quantity library. Everything reads the checked-in CRD, never the Java
 * classes, so the tests check what a cluster would enforce.
 */
package io.revkv.operator.apiserver;
