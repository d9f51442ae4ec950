/**
 * What the operator verbs ({@code onex topics}, {@code onex groups}, {@code onex tail}) know, built on kafka-clients'
 * {@code Admin} and consumer APIs only: {@link io.onex.runtime.ops.ClusterSession} (reach the cluster or fail fast,
 * naming it), {@link io.onex.runtime.ops.TopicInventory}, {@link io.onex.runtime.ops.GroupInspector} with
 * {@link io.onex.runtime.ops.LagThresholds}, and {@link io.onex.runtime.ops.RecordView} for records as an operator
 * reads them. The picocli commands live in {@code io.onex.runtime.cli}; rendering is plain functions of these values.
 */
package io.onex.runtime.ops;
