/**
 * The member client: etcd's v3 API over gRPC to one member (plain text or TLS), for what the operator observes
 * (Status, MemberList, alarms, HashKV) and what it changes (MemberAdd, MemberPromote, MemberRemove, MoveLeader,
 * Defragment). Every call has a deadline and returns an {@link io.revkv.operator.member.Outcome}, never throws:
 * the store's refusals are mapped by etcd's exact message (as Go's clientv3 maps them) to a
 * {@link io.revkv.operator.member.Refusal} the planner and executor understand; a member that does not answer in
 * time is {@code Unreachable}.
 */
package io.revkv.operator.member;
