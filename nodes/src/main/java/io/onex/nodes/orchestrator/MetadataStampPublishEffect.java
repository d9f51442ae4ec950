package io.onex.nodes.orchestrator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.onex.api.EffectNode;
import io.onex.api.InvalidInputException;
import io.onex.api.NodeContext;
import io.onex.api.OutboundEvent;
import io.onex.api.bridge.StampEventFields;
import io.onex.api.topic.BridgeTopics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The last step ({@code metadata_stamp_publish_effect}): publishes {@code METADATA_STAMP_CREATED} with every field of
 * {@link StampEventFields} the reducer and the database adapter read, plus the intelligence answer when one was
 * received. Completes when the broker has acknowledged the event, so a completed run means a published stamp.
 */
public final class MetadataStampPublishEffect implements EffectNode<MetadataStampPublishEffect.PublishInput,
        MetadataStampPublishEffect.PublishedStamp> {

    /**
     * @param stamp the stamp to publish
     * @param intelligence the intelligence step's outcome, or null
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PublishInput(MetadataStamp stamp, IntelligenceOutcome intelligence) {
    }

    /**
     * @param stamp the published stamp
     * @param intelligenceStatus what became of the intelligence request
     * @param intelligence the answer, or null
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PublishedStamp(MetadataStamp stamp, String intelligenceStatus, Map<String, Object> intelligence) {
    }

    @Override
    public Class<PublishInput> inputType() {
        return PublishInput.class;
    }

    @Override
    public CompletionStage<PublishedStamp> executeEffect(PublishInput in, NodeContext context) {
        if (in.stamp() == null) {
            throw new InvalidInputException("stamp: required, expected the output of metadata_stamp_compute");
        }
        String status = in.intelligence() == null ? IntelligenceOutcome.NOT_REQUESTED
                : in.intelligence().intelligenceStatus();
        Map<String, Object> intelligence = in.intelligence() == null ? null : in.intelligence().intelligence();
        return context.publisher().publish(OutboundEvent.builder(BridgeTopics.METADATA_STAMP_CREATED,
                StampEventFields.STAMP_CREATED).payload(payload(in.stamp(), status, intelligence)).build())
                .thenApply(receipt -> new PublishedStamp(in.stamp(), status, intelligence));
    }

    /** The METADATA_STAMP_CREATED payload. */
    static Map<String, Object> payload(MetadataStamp s, String intelligenceStatus, Map<String, Object> intelligence) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(StampEventFields.STAMP_ID, s.stampId());
        p.put(StampEventFields.WORKFLOW_ID, s.workflowId());
        p.put(StampEventFields.FILE_HASH, s.fileHash());
        p.put(StampEventFields.HASH_ALGORITHM, s.hashAlgorithm());
        p.put(StampEventFields.NAMESPACE, s.namespace());
        p.put(StampEventFields.FILE_NAME, s.fileName());
        p.put(StampEventFields.FILE_SIZE_BYTES, s.fileSizeBytes());
        p.put(StampEventFields.CONTENT_TYPE, s.contentType());
        p.put(StampEventFields.FILE_TYPE, s.fileType());
        p.put(StampEventFields.CREATED_AT, s.createdAt());
        p.put(StampEventFields.INTELLIGENCE_STATUS, intelligenceStatus);
        if (intelligence != null) {
            p.put(StampEventFields.INTELLIGENCE, intelligence);
        }
        return p;
    }
}
