package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.lifeboat.core.util.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index's header line (the snapshot's top-level fields) read from Jackson's token stream: a prune reads it
 * at each commit and each look at the pending deletes, and building Jackson's map deserializer cost its first
 * read a few ms (issue 15, decision 007). Only strings, whole numbers, flags, nulls and flat arrays of them are
 * read here, each name once; any other header is bound by Jackson as before, to the same values.
 */
final class CatalogIndexHeader {
    private static final Object NOT_SIMPLE = new Object();

    private CatalogIndexHeader() {
    }

    static Map<String, Object> parse(String json) throws IOException {
        Map<String, Object> simple = simple(json);
        return simple != null ? simple : Json.MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** The header as Jackson binds it to a map, or null when it is not of the simple shape. */
    static Map<String, Object> simple(String json) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, Object> header = new LinkedHashMap<>();
            JsonToken t = p.nextToken();
            for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                Object value = v == JsonToken.START_ARRAY ? array(p) : scalar(p, v);
                if (value == NOT_SIMPLE || header.containsKey(name)) {
                    return null;
                }
                header.put(name, value);
            }
            return t == JsonToken.END_OBJECT && p.nextToken() == null ? header : null;
        } catch (IOException | RuntimeException e) {
            return null; // Jackson reads it, or reports it, as before
        }
    }

    private static Object array(JsonParser p) throws IOException {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            Object value = scalar(p, t);
            if (value == NOT_SIMPLE) {
                return NOT_SIMPLE;
            }
            list.add(value);
        }
        return list;
    }

    private static Object scalar(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        if (t == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType type = p.getNumberType();
            if (type == JsonParser.NumberType.INT) {
                return p.getIntValue();
            }
            return type == JsonParser.NumberType.LONG ? (Object) p.getLongValue() : NOT_SIMPLE;
        }
        return NOT_SIMPLE; // a fraction, a nested object or array: Jackson's
    }
}
