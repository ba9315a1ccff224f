package io.revkv.operator.kubelet;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.UUID;

/**
 * The fabric8 mock API server in CRUD mode, as {@code @EnableKubernetesMockClient(crud = true)} starts it (HTTPS, a
 * client trusting it), except for one thing: an object created gets a random UID, as from a real API server. The
 * mock's own UIDs count up from 1 in every JVM, so the same test made the same KVCluster UID, hence the same
 * cluster token ({@code --initial-cluster-token=kv-<uid>}) and cluster ID, in every run: a member of another run on
 * this machine was not told apart by its cluster ID.
 */
final class MockApiServer implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private MockApiServer(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    static MockApiServer start() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
                new MockWebServer(), new HashMap<>(), new RandomUids(), true);
        server.init();
        return new MockApiServer(server);
    }

    KubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    /**
     * Replaces the UID the mock assigned on create before the object is stored and announced to watches, and answers
     * the create with the object as stored. Create is the only call that stores an object that was not there
     * ({@code oldAttributes == null}); updates keep the UID the object has.
     */
    private static final class RandomUids extends KubernetesCrudDispatcher {

        /** The object just created, as stored: the create's answer. Set and read on the request's own thread. */
        private final ThreadLocal<String> created = new ThreadLocal<>();

        @Override
        public MockResponse handleCreate(RecordedRequest request) {
            created.remove();
            MockResponse response = super.handleCreate(request);
            String stored = created.get();
            created.remove();
            return stored == null ? response : response.setBody(stored);
        }

        @Override
        public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
                                 GenericKubernetesResource resource, String newState) {
            if (oldAttributes == null && resource != null && newState != null) {
                resource.getMetadata().setUid(UUID.randomUUID().toString());
                newState = Serialization.asJson(resource);
                created.set(newState);
            }
            super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
        }
    }
}
