/**
 * The thin reconciler: the Services and the budget as workflow dependents (pure desired state from
 * {@code resources}), Pods and volumes watched as informer event sources, and each reconcile reading as a table of
 * contents: ask the members, observe, plan, execute the one action, aggregate the status, patch it only if it
 * changed, reschedule.
 */
package io.revkv.operator.reconcile;
