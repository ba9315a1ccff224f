/**
 * The {@code kvclusters.revkv.io/v1alpha1} resource, typed: {@link io.revkv.operator.v1alpha1.KVCluster} and one
 * class per section of its spec and status. Every field carries its description, default and validation as
 * fabric8 crd-generator annotations, so the CRD under {@code crds/} is generated from these classes alone
 * ({@code CrdDriftTest} fails when the two disagree). Rules that span fields or forbid a change are CEL
 * ({@code x-kubernetes-validations}) on the class that holds the fields, evaluated in tests with cel-java.
 */
package io.revkv.operator.v1alpha1;
