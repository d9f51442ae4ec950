/**
 * The contract model: the immutable, validated form of a node's YAML contract.
 *
 * <p>Instances are produced by the runtime's {@code ContractLoader}, which validates every field once and reports
 * every problem of a file with its line and column. Nothing here re-validates.
 */
package io.onex.api.contract;
