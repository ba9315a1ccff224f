package io.revkv.operator;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Leader election for an operator run as several replicas (the chart runs two): only the holder of the Lease
 * reconciles, the others wait with their informers stopped and take over when it stops renewing. On when a lease name
 * is configured ({@code REVKV_OPERATOR_LEADER_ELECTION_LEASE_NAME}); the Lease lives in the operator's own namespace
 * (REVKV_OPERATOR_LEADER_ELECTION_LEASE_NAMESPACE, else the client's: the service account's), each replica identified by its Pod name (HOSTNAME). The SDK looks this bean up in the
 * prod profile only; without a lease name there is none, and a single operator (the README's {@code java -jar}) runs
 * without a Lease.
 */
public class LeaderElection {

    @Produces
    @Dependent
    @Unremovable
    LeaderElectionConfiguration leaderElection(
            @ConfigProperty(name = "revkv.operator.leader-election.lease-name") Optional<String> leaseName,
            @ConfigProperty(name = "revkv.operator.leader-election.lease-namespace") Optional<String> namespace) {
        return leaseName.filter(n -> !n.isBlank())
                .map(n -> new LeaderElectionConfiguration(n, namespace.filter(ns -> !ns.isBlank()).orElse(null)))
                .orElse(null);
    }
}
