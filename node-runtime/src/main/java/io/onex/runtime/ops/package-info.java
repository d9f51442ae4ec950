/**
 * What the operator verbs ({@code onex topics}, {@code onex groups}, {@code onex tail}, {@code onex dlq}) know, built
 * on kafka-clients' {@code Admin}, consumer and producer APIs only: {@link io.onex.runtime.ops.ClusterSession} (reach
 * the cluster or fail fast, naming it), {@link io.onex.runtime.ops.TopicInventory},
 * {@link io.onex.runtime.ops.GroupInspector} with {@link io.onex.runtime.ops.LagThresholds},
 * {@link io.onex.runtime.ops.RecordView} for records as an operator reads them, {@link io.onex.runtime.ops.RecordFilter}
 * for {@code --where}, and for dead letters {@link io.onex.runtime.ops.DlqInventory} (counts and
 * {@link io.onex.runtime.ops.DeadLetterView}s) and {@link io.onex.runtime.ops.DlqReplay}. The picocli commands live in
 * {@code io.onex.runtime.cli}; rendering is plain functions of these values.
 */
package io.onex.runtime.ops;
