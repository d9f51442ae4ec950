package io.onex.api;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A JSON object kept as the UTF-8 text it was read from, and read into a map only when it is first used as one.
 *
 * <p>The runtime decodes a consumed envelope's {@link EventEnvelope#payload() payload} and
 * {@link EventEnvelope#metadata() metadata} as these: a node whose input type is a class is bound straight from the
 * text, a node that stores the payload as JSON stores the text as it came, and only a caller that reads the object as
 * a map pays for the map. As a {@link Map} it is unmodifiable and equal to every map of the same entries; the map it
 * reads is the one the runtime's JSON mapper would have made of the text.
 *
 * <pre>{@code
 * if (envelope.payload() instanceof RawJsonObject raw) {
 *     Input in = mapper.readValue(raw.toJsonBytes(), Input.class); // no map in between
 * }
 * }</pre>
 */
public final class RawJsonObject extends AbstractMap<String, Object> {

    private final byte[] json;
    private final Function<byte[], Map<String, Object>> reader;
    // read at most once per racing thread: every read gives an equal map, so a lost race costs only time
    private volatile Map<String, Object> map;

    private RawJsonObject(byte[] json, Function<byte[], Map<String, Object>> reader) {
        this.json = json;
        this.reader = reader;
    }

    /**
     * @param bytes holds the object's UTF-8 JSON text, which must be one valid JSON object (it is not checked here)
     * @param offset where the text starts
     * @param length its length in bytes
     * @param reader reads the text (given as an array holding exactly it, which the reader must not change) into a
     *     map; may throw, for instance an {@link InvalidInputException}, which the map's readers then get
     * @return the object, holding a copy of the text
     */
    public static RawJsonObject of(byte[] bytes, int offset, int length, Function<byte[], Map<String, Object>> reader) {
        Objects.requireNonNull(reader, "reader");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return new RawJsonObject(Arrays.copyOfRange(bytes, offset, offset + length), reader);
    }

    /** The object's UTF-8 JSON text, as read (a copy). */
    public byte[] toJsonBytes() {
        return json.clone();
    }

    /** The object's JSON text, as read. */
    public String toJsonString() {
        return new String(json, StandardCharsets.UTF_8);
    }

    /** The length of the object's UTF-8 JSON text in bytes. */
    public int jsonLength() {
        return json.length;
    }

    /** Whether the object has been read into a map yet (by any of the {@link Map} methods). */
    public boolean isRead() {
        return map != null;
    }

    private Map<String, Object> map() {
        Map<String, Object> m = map;
        if (m == null) {
            Map<String, Object> read = reader.apply(json);
            m = read == null || read.isEmpty() ? Map.of() : Collections.unmodifiableMap(read);
            map = m;
        }
        return m;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return map().entrySet();
    }

    @Override
    public Object get(Object key) {
        return map().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map().containsKey(key);
    }

    @Override
    public int size() {
        return map().size();
    }

    @Override
    public boolean isEmpty() {
        // "{}" needs no reading
        return json.length <= 2 || map().isEmpty();
    }
}
