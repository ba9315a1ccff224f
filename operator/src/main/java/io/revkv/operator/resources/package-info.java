/**
 * The Kubernetes objects a KVCluster owns, as pure functions of the resource: a headless peer Service (not-ready
 * addresses published, so joining members resolve each other), a client Service, a PodDisruptionBudget that keeps
 * a quorum, and per member one Pod and one PersistentVolumeClaim. Pods are owned by the KVCluster (they go with
 * it); volumes carry no owner reference, so nothing deletes them by cascade. The dependent resources and the
 * executor apply what these build.
 */
package io.revkv.operator.resources;
