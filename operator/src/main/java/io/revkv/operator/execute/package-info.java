/**
 * The executor: performs the planner's one action (Kubernetes objects through the fabric8 client, membership
 * through the member client), idempotently, records a Kubernetes Event for it, and says when to reconcile again.
 * Nothing here decides: a refusal that means "already done" (a member already added, already removed) counts as
 * done; any other failure is reported and retried by the next reconcile, which observes afresh.
 */
package io.revkv.operator.execute;
