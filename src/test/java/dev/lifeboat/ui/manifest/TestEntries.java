package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.manifest.BackupEntry;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/** Entries for the table's tests, made from another with some components replaced. */
final class TestEntries {
    private TestEntries() {
    }

    /** The entry with the named components replaced (a record of 31 components, copied by its components). */
    static BackupEntry with(BackupEntry e, Map<String, Object> with) {
        try {
            RecordComponent[] parts = BackupEntry.class.getRecordComponents();
            Object[] values = new Object[parts.length];
            Class<?>[] types = new Class<?>[parts.length];
            for (int k = 0; k < parts.length; k++) {
                types[k] = parts[k].getType();
                values[k] = with.containsKey(parts[k].getName()) ? with.get(parts[k].getName()) : parts[k].getAccessor().invoke(e);
            }
            Constructor<BackupEntry> c = BackupEntry.class.getDeclaredConstructor(types);
            return c.newInstance(values);
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException(x);
        }
    }
}
