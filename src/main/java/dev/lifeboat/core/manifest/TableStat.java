package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import java.io.IOException;

/** One table as recorded at backup time: its row count in the dump's snapshot and its size. */
@JsonDeserialize(using = TableStat.Reader.class)
public record TableStat(String schema, String name, Long rows, Long bytes) {
    public String qualifiedName() {
        return schema + "." + name;
    }

    /**
     * Reads one table's four fields token by token (decision 011, session 12): an entry of 2,000 tables
     * is 2,000 of these, and a cold JVM's databind path for a record (its creator, a buffer of values
     * per object) made it a restore's longest step before the loader. Unknown fields are skipped, as the
     * mapper does; a count written as a string is read as a number, as databind's coercion does.
     */
    static final class Reader extends StdDeserializer<TableStat> {
        Reader() {
            super(TableStat.class);
        }

        @Override
        public TableStat deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT) {
                t = p.nextToken();
            } else if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
                return (TableStat) ctxt.handleUnexpectedToken(TableStat.class, p);
            }
            String schema = null;
            String name = null;
            Long rows = null;
            Long bytes = null;
            for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "schema" -> schema = text(p, value);
                    case "name" -> name = text(p, value);
                    case "rows" -> rows = number(p, ctxt, value);
                    case "bytes" -> bytes = number(p, ctxt, value);
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                return (TableStat) ctxt.handleUnexpectedToken(TableStat.class, p);
            }
            return new TableStat(schema, name, rows, bytes);
        }

        private static String text(JsonParser p, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            String s = p.getValueAsString();
            if (s == null) {
                p.skipChildren();
            }
            return s;
        }

        private static Long number(JsonParser p, DeserializationContext ctxt, JsonToken value) throws IOException {
            return switch (value) {
                case VALUE_NULL -> null;
                case VALUE_NUMBER_INT -> p.getLongValue();
                case VALUE_NUMBER_FLOAT -> (long) p.getDoubleValue();
                case VALUE_STRING -> {
                    String s = p.getText().trim();
                    try {
                        yield s.isEmpty() ? null : Long.valueOf(s);
                    } catch (NumberFormatException e) {
                        yield (Long) ctxt.handleWeirdStringValue(Long.class, s, "not a whole number");
                    }
                }
                default -> (Long) ctxt.handleUnexpectedToken(Long.class, p);
            };
        }
    }
}
