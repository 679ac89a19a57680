package dev.lifeboat.core.destination;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.retention.RetentionPolicy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A destination as saved in destinations.json beside the manifest: its name, URL and the few
 * settings a store needs. No secret: S3 credentials come from the SDK's default chain, SFTP keys
 * from ~/.ssh or an identity file whose path alone is kept.
 */
public record DestinationConfig(String name, String url, String endpoint, String region, Boolean pathStyle,
                                String identity, Boolean automatic, RetentionPolicy retention) {

    public DestinationConfig {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new LifeboatException(ErrorCode.USAGE, "A destination name uses letters, digits, dot, dash and "
                    + "underscore only (got '" + name + "').");
        }
        parse(url);
    }

    public enum Kind { S3, SFTP, FILE }

    @JsonIgnore
    public Kind kind() {
        return Kind.valueOf(parse(url).getScheme().toUpperCase(Locale.ROOT));
    }

    @JsonIgnore
    public URI uri() {
        return parse(url);
    }

    @JsonIgnore
    public boolean automaticOrFalse() {
        return Boolean.TRUE.equals(automatic);
    }

    @JsonIgnore
    public boolean pathStyleOrFalse() {
        return Boolean.TRUE.equals(pathStyle);
    }

    public DestinationConfig withRetention(RetentionPolicy policy) {
        return new DestinationConfig(name, url, endpoint, region, pathStyle, identity, automatic, policy);
    }

    static URI parse(String url) {
        String hint = " Use s3://BUCKET/PREFIX, sftp://USER@HOST[:PORT]/PATH or file:///PATH.";
        if (url == null || url.isBlank()) {
            throw new LifeboatException(ErrorCode.USAGE, "A destination needs a URL." + hint);
        }
        // A password typed as user:password@ is never repeated back (Lifeboat stores none).
        String shown = url.replaceFirst("^((?:[A-Za-z][A-Za-z0-9+.-]*://)?[^@:/]*):[^@/]*@", "$1:\u2026@");
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            switch (scheme) {
                case "s3" -> {
                    if (u.getHost() == null || u.getHost().isBlank()) {
                        throw new LifeboatException(ErrorCode.USAGE, "The S3 URL '" + shown + "' names no bucket." + hint);
                    }
                }
                case "sftp" -> {
                    if (u.getHost() == null || u.getUserInfo() == null) {
                        throw new LifeboatException(ErrorCode.USAGE, "The SFTP URL '" + shown + "' needs a user and a "
                                + "host." + hint);
                    }
                    if (u.getUserInfo().contains(":")) {
                        throw new LifeboatException(ErrorCode.USAGE, "The SFTP URL holds a password: Lifeboat "
                                + "stores none. Use a key (~/.ssh or an identity file) instead." + hint);
                    }
                }
                case "file" -> {
                    if (u.getPath() == null || u.getPath().isBlank()) {
                        throw new LifeboatException(ErrorCode.USAGE, "The file URL '" + shown + "' names no folder." + hint);
                    }
                }
                default -> throw new LifeboatException(ErrorCode.USAGE, "Lifeboat cannot copy to '" + shown + "'." + hint);
            }
            return u;
        } catch (URISyntaxException e) {
            // Not e.getMessage(), nor e as the cause: both hold the URL as typed, password and all.
            String where = e.getIndex() < 0 ? "" : " at character " + (e.getIndex() + 1);
            throw new LifeboatException(ErrorCode.USAGE, "Cannot read the URL '" + shown + "': " + e.getReason().toLowerCase(Locale.ROOT)
                    + where + "." + hint);
        }
    }
}
