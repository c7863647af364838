package org.openbili.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where media objects live (videos, HLS segments, covers, sprites, avatars), addressed by keys such as
 * {@code videos/123/720p/seg-00001.ts}. Keys use {@code /} as separator, never start with {@code /} and never
 * contain {@code ..}; {@link StorageKeys#check} enforces it.
 */
public interface ObjectStorage {

    /** Stores the file's bytes under {@code key}, replacing what was there. */
    void put(String key, Path file, String contentType) throws IOException;

    void put(String key, byte[] bytes, String contentType) throws IOException;

    /** What is known of an object without reading it; empty when there is none. */
    Optional<StoredObject> stat(String key) throws IOException;

    /** Reads {@code length} bytes from {@code offset} (a whole object: 0 and its size). */
    InputStream open(String key, long offset, long length) throws IOException;

    default InputStream open(String key) throws IOException {
        StoredObject object = stat(key).orElseThrow(() -> new java.io.FileNotFoundException(key));
        return open(key, 0, object.size());
    }

    void delete(String key) throws IOException;

    /** Deletes every object whose key starts with {@code prefix} (for example a video's renditions). */
    void deleteAll(String prefix) throws IOException;

    /**
     * A local file with the object's bytes when the store is a local directory, so a server can send it with
     * zero-copy I/O; empty for remote stores.
     */
    default Optional<Path> localFile(String key) {
        return Optional.empty();
    }
}
