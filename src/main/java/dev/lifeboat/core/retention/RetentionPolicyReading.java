package dev.lifeboat.core.retention;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lifeboat.core.util.Json;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code retention.json} read from Jackson's token stream: building Jackson's deserializers for the two records
 * costs a cold prune a few ms, more than reading the file (issue 15, decision 007). Only the shape Lifeboat writes
 * is read here (whole numbers and a duration string, each field once, unknown fields ignored as the mapper
 * ignores them); any other file is left to Jackson, so every file reads as it did, errors included.
 */
final class RetentionPolicyReading {
    private static final RetentionPolicy NOT_SIMPLE = new RetentionPolicy(null, null, null, null, null, null);

    private RetentionPolicyReading() {
    }

    /** The policies, or null when the file is not of the simple shape (then Jackson reads it). */
    static RetentionPolicies simple(byte[] bytes) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            RetentionPolicy defaultPolicy = null;
            Map<String, RetentionPolicy> databases = null;
            int seen = 0;
            JsonToken t = p.nextToken();
            for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                int field = name.equals("default_policy") ? 1 : name.equals("databases") ? 2 : 0;
                if ((seen & field) != 0) {
                    return null; // a field twice: Jackson decides which counts
                }
                seen |= field;
                if (field == 1) {
                    defaultPolicy = policy(p, v);
                    if (defaultPolicy == NOT_SIMPLE) {
                        return null;
                    }
                } else if (field == 2) {
                    databases = databases(p, v);
                    if (databases == null && v != JsonToken.VALUE_NULL) {
                        return null;
                    }
                } else {
                    p.skipChildren(); // unknown: ignored, as the mapper does
                }
            }
            // Anything after the object is left to Jackson too (it may ignore it or refuse it).
            return t == JsonToken.END_OBJECT && p.nextToken() == null ? new RetentionPolicies(defaultPolicy, databases) : null;
        } catch (IOException | RuntimeException e) {
            return null; // not JSON, or cut short: Jackson reports it as before
        }
    }

    /** Each database's policy (none null), or null when not simple. */
    private static Map<String, RetentionPolicy> databases(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, RetentionPolicy> map = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String database = p.currentName();
            RetentionPolicy policy = policy(p, p.nextToken());
            if (policy == null || policy == NOT_SIMPLE || map.containsKey(database)) {
                return null;
            }
            map.put(database, policy);
        }
        return map;
    }

    /** A policy (null for a JSON null), or {@link #NOT_SIMPLE}. */
    private static RetentionPolicy policy(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.START_OBJECT) {
            return NOT_SIMPLE;
        }
        Integer[] counts = new Integer[5];
        String within = null;
        int seen = 0;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            int field = switch (name) {
                case "keep_last" -> 0;
                case "keep_daily" -> 1;
                case "keep_weekly" -> 2;
                case "keep_monthly" -> 3;
                case "keep_yearly" -> 4;
                case "keep_within" -> 5;
                default -> -1;
            };
            if (field < 0) {
                p.skipChildren();
                continue;
            }
            if ((seen & 1 << field) != 0) {
                return NOT_SIMPLE;
            }
            seen |= 1 << field;
            if (field == 5) {
                if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                    return NOT_SIMPLE;
                }
                within = value == JsonToken.VALUE_NULL ? null : p.getText();
            } else if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                counts[field] = p.getIntValue();
            } else if (value != JsonToken.VALUE_NULL) {
                return NOT_SIMPLE; // a string, a fraction, a flag: Jackson's coercion decides
            }
        }
        return new RetentionPolicy(counts[0], counts[1], counts[2], counts[3], counts[4], within);
    }
}
