package io.revkv.operator.execute;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.revkv.operator.v1alpha1.KVCluster;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Records a core/v1 Event on the KVCluster, as {@code kubectl describe kvc} shows them. */
public final class EventRecorder {

    static final String COMPONENT = "revkv-operator";

    private final KubernetesClient kubernetes;
    private final Clock clock;

    public EventRecorder(KubernetesClient kubernetes, Clock clock) {
        this.kubernetes = kubernetes;
        this.clock = clock;
    }

    /** @param warning a Warning event (data loss, a failed action) instead of Normal */
    public Event record(KVCluster kvc, String reason, String message, boolean warning) {
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        Event event = new EventBuilder()
                .withNewMetadata().withNamespace(kvc.getMetadata().getNamespace())
                .withName(kvc.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8)).endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(kvc.getApiVersion())
                        .withKind(kvc.getKind()).withName(kvc.getMetadata().getName())
                        .withNamespace(kvc.getMetadata().getNamespace()).withUid(kvc.getMetadata().getUid()).build())
                .withReason(reason).withMessage(message).withType(warning ? "Warning" : "Normal")
                .withNewSource().withComponent(COMPONENT).endSource()
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .build();
        return kubernetes.v1().events().inNamespace(kvc.getMetadata().getNamespace()).resource(event).create();
    }
}
