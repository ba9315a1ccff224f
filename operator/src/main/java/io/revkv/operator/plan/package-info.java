/**
 * The planner: a pure function from an {@link io.revkv.operator.plan.Observation} (what the KVCluster asks for,
 * its Pods and volumes as Kubernetes shows them, its members as the store reports them) to the single next
 * {@link io.revkv.operator.plan.Action}. No Kubernetes client, no gRPC, no clock (the observation carries the time
 * it was taken): the safety rules of bootstrap and membership live here and are tested as tables of named
 * scenarios.
 *
 * <p>The rules, in the order {@link io.revkv.operator.plan.Planner} applies them:
 * <ol>
 *   <li>Before the cluster ID is latched: create the one seed member, wait for it to report a cluster ID, latch
 *       it. Never a second seed, never a bootstrap over volumes a formed cluster left.</li>
 *   <li>After: a member of the Raft group lost its data when its volume is gone, is another member's, is being
 *       deleted under it, or when its store refused its emptied data directory ("has already been bootstrapped", read
 *       from the container's termination message) or keeps failing (5 restarts or more, the last run under a
 *       minute with a non-zero exit, and it does not answer). It is replaced (a Warning {@code DataLoss} Event says
 *       what was seen): its volume and Pod deleted and it removed from the group, only while the other voters keep
 *       a quorum and never the leader before leadership moved; once its Pod and volume are gone, a new member
 *       joins under the name as a learner on a new volume, never bootstrapped. The seed's first Pod (the only one started
 *       with {@code --initial-cluster-state new}) is replaced once the cluster formed, so that an emptied data
 *       directory cannot bootstrap a second cluster under the same IDs. A member whose Pod is gone gets it back,
 *       with the same name and volume. A member with the CORRUPT alarm is replaced the same way (its data differs
 *       from the others'; the Warning Event's reason is {@code CorruptData}), and an alarm of a member no longer in
 *       the group is disarmed.</li>
 *   <li>Growing: one learner at a time, added to the group before its Pod starts, promoted once its Raft index
 *       reached 90% of the leader's (etcd's own readiness rule) and only if a quorum stays healthy.</li>
 *   <li>NOSPACE, in a settled cluster only: compaction at the current revision (when spec.compaction.retention is
 *       not "0"), defragmentation of every member at that compact revision (followers first, the leader after
 *       leadership moved), then AlarmDisarm once every database is under the quota; if one is not, the data
 *       itself does not fit and the alarm stays, saying so; see {@link io.revkv.operator.plan.Alarms}.</li>
 *   <li>Shrinking: learners and unhealthy members first, the leader last and only after leadership moved; Pods of
 *       removed members go, their volumes only as the retention policy says.</li>
 *   <li>Rolling: in an otherwise settled cluster, members whose Pod was built from an older spec (another pod
 *       hash) are restarted one at a time, unhealthy ones first, the leader last after leadership moved, each only
 *       while every other member serves; see {@link io.revkv.operator.plan.Roll}.</li>
 *   <li>Defragmenting: with nothing else pending and every member serving, members due by spec.defrag's cron
 *       schedule (UTC) and thresholds are defragmented one at a time, followers first, the leader last after
 *       leadership moved; deferred, with what is not settled, otherwise; see
 *       {@link io.revkv.operator.plan.Defrag}.</li>
 * </ol>
 *
 * <p>Across all of them: spec.paused holds back every action (the wait says which one resuming would take), and a
 * wait on one member that lasts past {@link io.revkv.operator.plan.StuckSteps#DEADLINE} (a learner catching up, a
 * Pod becoming ready) is reported as stuck, still only a wait; see {@link io.revkv.operator.plan.StuckSteps}.
 */
package io.revkv.operator.plan;
