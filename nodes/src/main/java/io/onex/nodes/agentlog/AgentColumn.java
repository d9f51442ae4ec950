package io.onex.nodes.agentlog;

/**
 * A column of an agent table, filled from the payload field of the same name.
 *
 * @param name column and payload field
 * @param type how the value is bound
 * @param required whether the seed's interface requires the field (the column is NOT NULL)
 */
record AgentColumn(String name, Type type, boolean required) {

    /** How a payload value becomes a column value. */
    enum Type {
        /** a string */
        TEXT,
        /** any JSON number, as double precision */
        NUMBER,
        /** a whole JSON number, as bigint */
        INTEGER,
        /** true or false */
        BOOLEAN,
        /** any JSON value, as its JSON text (jsonb on PostgreSQL) */
        JSON
    }

    static AgentColumn required(String name, Type type) {
        return new AgentColumn(name, type, true);
    }

    static AgentColumn optional(String name, Type type) {
        return new AgentColumn(name, type, false);
    }
}
