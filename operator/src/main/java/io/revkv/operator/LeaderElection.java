package io.revkv.operator;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Leader election for an operator run as several replicas (the chart runs two): only the holder of the Lease
 * reconciles, the others wait with their informers stopped and take over when it stops renewing. On when a lease name
 * is configured ({@code REVKV_OPERATOR_LEADER_ELECTION_LEASE_NAME}); the Lease lives in the operator's own namespace
 * ({@code REVKV_OPERATOR_LEADER_ELECTION_LEASE_NAMESPACE}, else the client's: the service account's), each replica
 * identified by its Pod name (HOSTNAME). The SDK looks this bean up in the prod profile only; without a lease name there
 * is none, and a single operator (the README's {@code java -jar}) runs without a Lease.
 */
public class LeaderElection {

    public static final String LEASE_NAME_PROPERTY = "revkv.operator.leader-election.lease-name";
    public static final String LEASE_NAMESPACE_PROPERTY = "revkv.operator.leader-election.lease-namespace";
    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    @Produces
    @Dependent
    @Unremovable
    LeaderElectionConfiguration leaderElection(
            @ConfigProperty(name = LEASE_NAME_PROPERTY) Optional<String> leaseName,
            @ConfigProperty(name = LEASE_NAMESPACE_PROPERTY) Optional<String> namespace, KubernetesClient client) {
        return leaseName.filter(n -> !n.isBlank()).map(name -> {
            String leaseNamespace = namespace.filter(ns -> !ns.isBlank()).orElse(client.getNamespace());
            return new LeaderElectionConfiguration(name, leaseNamespace,
                    LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                    LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                    LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, null,
                    new LeaderCallbacks(() -> { }, () -> stoppedLeading(client, leaseNamespace, name), leader -> { }),
                    false);
        }).orElse(null);
    }

    /**
     * A leader that lost its Lease while running exits, so it cannot reconcile beside the new leader (the SDK's own
     * exit-on-stop, which this replaces). On shutdown the SDK stops campaigning and lands here too, inside a shutdown
     * hook, where System.exit would wait for the hooks forever and hold the Pod until it is killed: then it hands the
     * Lease back and returns.
     */
    private static void stoppedLeading(KubernetesClient client, String namespace, String name) {
        if (shuttingDown()) {
            release(client, namespace, name);
            return;
        }
        LOG.error("Lost the leader's Lease: exiting, so that only the new leader reconciles");
        System.exit(1);
    }

    /**
     * Clears the holder and shortens the Lease to a second, as client-go's ReleaseOnCancel does, so the standby takes
     * over at its next retry (2 s) instead of when the 15 s Lease runs out; the SDK never releases it. Only a Lease
     * this replica still holds, and only if nobody changed it since it was read (the update carries its version).
     */
    private static void release(KubernetesClient client, String namespace, String name) {
        String identity = System.getenv("HOSTNAME");
        if (namespace == null || identity == null) {
            return;
        }
        try {
            Lease lease = client.leases().inNamespace(namespace).withName(name).get();
            if (lease == null || !identity.equals(lease.getSpec().getHolderIdentity())) {
                return;
            }
            ZonedDateTime now = ZonedDateTime.now();
            lease.getSpec().setHolderIdentity("");
            lease.getSpec().setLeaseDurationSeconds(1);
            lease.getSpec().setAcquireTime(now);
            lease.getSpec().setRenewTime(now);
            client.leases().inNamespace(namespace).resource(lease).update();
            LOG.infof("Released the leader's Lease %s/%s on shutdown", namespace, name);
        } catch (KubernetesClientException e) {
            LOG.warnf("Could not release the leader's Lease %s/%s on shutdown (%s): the standby takes over when it "
                    + "expires", namespace, name, e.getMessage());
        }
    }

    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
