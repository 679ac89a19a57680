package dev.lifeboat.core.manifest;

/** The application's schema version as its migration tool recorded it (flyway, alembic, ...). */
public record MigrationInfo(String tool, String table, String version) {
}
