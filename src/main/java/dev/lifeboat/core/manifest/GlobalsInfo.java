package dev.lifeboat.core.manifest;

/** The cluster's roles and tablespaces (pg_dumpall --globals-only), saved beside a dump. */
public record GlobalsInfo(String file, Long sizeBytes, String hash, String warning) {
}
