package io.onex.nodes.dbadapter;

import io.onex.nodes.database.SqlDialect;

/** A column a write binds, and how its value is bound (all values travel as text or whole numbers). */
record Column(String name, Type type) {

    enum Type { TEXT, UUID, JSON, TIMESTAMP, LONG }

    static Column text(String name) {
        return new Column(name, Type.TEXT);
    }

    static Column uuid(String name) {
        return new Column(name, Type.UUID);
    }

    static Column json(String name) {
        return new Column(name, Type.JSON);
    }

    static Column timestamp(String name) {
        return new Column(name, Type.TIMESTAMP);
    }

    static Column number(String name) {
        return new Column(name, Type.LONG);
    }

    /** The parameter marker of this column in {@code dialect}. */
    String marker(SqlDialect dialect) {
        return switch (type) {
            case UUID -> dialect.uuid();
            case JSON -> dialect.json();
            case TIMESTAMP -> dialect.timestamp();
            default -> "?";
        };
    }
}
