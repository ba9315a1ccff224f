/**
 * Alarms (etcd's {@code v3alarm}): which members have raised NOSPACE or CORRUPT. The set is replicated state,
 * changed only by applied Alarm requests, kept in memory and persisted in etcd's {@code alarm} bucket (key = the
 * marshalled {@code etcdserverpb.AlarmMember}, value empty), so it survives restarts. The applier's capped and
 * corrupt decorators consult it; the API layer lists it in Status and the Alarm RPC.
 */
package io.revkv.store.alarm;
