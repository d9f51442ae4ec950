package io.onex.api.bridge;

/**
 * The metadata-stamping events the orchestrator publishes besides the workflow events: the BLAKE3 hash, the stamp,
 * and the intelligence request/response. The orchestrator writes them; the reducer and the database adapter read
 * them with these same constants.
 *
 * <pre>{@code
 * // metadata-stamp-created payload
 * {"stamp_id": "...", "workflow_id": "...", "file_hash": "af1349b9...", "hash_algorithm": "blake3",
 *  "namespace": "docs", "file_name": "README.md", "file_size_bytes": 1234, "content_type": "text/markdown",
 *  "file_type": "md", "created_at": "2026-11-24T04:00:00Z", "intelligence": {...}}
 * }</pre>
 */
public final class StampEventFields {
    private StampEventFields() {
    }

    // event types
    public static final String HASH_GENERATED = "BLAKE3_HASH_GENERATED";
    public static final String STAMP_CREATED = "METADATA_STAMP_CREATED";
    public static final String INTELLIGENCE_REQUESTED = "ONEXTREE_INTELLIGENCE_REQUESTED";
    public static final String INTELLIGENCE_RECEIVED = "ONEXTREE_INTELLIGENCE_RECEIVED";

    // payload fields
    /** The stamp's id (UUID): {@code metadata_stamps.id}. */
    public static final String STAMP_ID = "stamp_id";
    /** The workflow run the stamp was made in (UUID), as in the workflow events. */
    public static final String WORKFLOW_ID = "workflow_id";
    /** Lower-case hex BLAKE3 digest of the content, 64 characters. */
    public static final String FILE_HASH = "file_hash";
    /** Always {@code blake3} today. */
    public static final String HASH_ALGORITHM = "hash_algorithm";
    /** The tenant-chosen grouping the reducer aggregates by. */
    public static final String NAMESPACE = "namespace";
    public static final String FILE_NAME = "file_name";
    /** Size of the content in bytes (a JSON integer). */
    public static final String FILE_SIZE_BYTES = "file_size_bytes";
    /** MIME type, e.g. {@code text/markdown}. */
    public static final String CONTENT_TYPE = "content_type";
    /** Short file type the reducer counts distinct values of, e.g. {@code md}, {@code yaml}. */
    public static final String FILE_TYPE = "file_type";
    /** ISO-8601 instant the stamp was created at. */
    public static final String CREATED_AT = "created_at";
    /** Hashing time in milliseconds (hash-generated). */
    public static final String HASH_DURATION_MS = "hash_duration_ms";
    /** What the intelligence service answered (stamp-created, intelligence-received); absent when it did not. */
    public static final String INTELLIGENCE = "intelligence";
    /** Id of one intelligence request; the response carries the same id. */
    public static final String REQUEST_ID = "request_id";
    /** {@code received}, {@code timed_out} or {@code failed} (intelligence-received). */
    public static final String INTELLIGENCE_STATUS = "intelligence_status";
    /** How long the orchestrator waits for an answer (intelligence-requested). */
    public static final String TIMEOUT_MS = "timeout_ms";

    public static final String HASH_ALGORITHM_BLAKE3 = "blake3";
}
