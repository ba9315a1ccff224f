/**
 * The corruption check (etcd's {@code corrupt.go}): members compare their HashKV at the same revision.
 *
 * <p>{@link io.revkv.store.corrupt.InitialCheck} ({@code --experimental-initial-corrupt-check}) runs once, before a
 * member with data starts Raft and serves: a peer whose hash differs at the same revision and compact revision stops
 * it with etcd's "{@code <id> found data inconsistency with peers}". {@link io.revkv.store.corrupt.PeriodicCheck}
 * ({@code --experimental-corrupt-check-time}) runs on the leader every interval and raises the CORRUPT alarm through
 * Raft on a mismatch; the applier then refuses reads and writes ("etcdserver: corrupt cluster").
 *
 * <p>The comparisons are pure ({@code InitialCheck}, {@code PeriodicCheck} over {@link io.revkv.store.corrupt.KvHash}
 * and {@link io.revkv.store.corrupt.PeerHash}); the I/O is apart: {@link io.revkv.store.corrupt.PeerHashes} asks the
 * other members, {@link io.revkv.store.corrupt.CorruptionChecks} runs the checks in a member.
 *
 * <p>etcd fetches a peer's hash from the peer port ({@code /members/hashkv}). revkv's peer port speaks Ratis only, so
 * a member asks the others' <em>client</em> URLs, as published in the membership, with the ordinary Maintenance.HashKV
 * RPC (which answers the same fields); over TLS when those URLs are https, with the member's own client-port
 * certificate, as etcd's gRPC gateway dials its own client port.
 */
package io.revkv.store.corrupt;
