package org.openbili.video.upload;

import java.io.IOException;
import java.nio.file.Path;
import org.openbili.storage.ObjectStorage;
import org.openbili.storage.StoredObject;
import org.springframework.stereotype.Component;

/**
 * Verified originals in object storage, addressed by their SHA-256, so the same bytes are stored once however
 * many times they are uploaded. They are never served; an original goes when no upload refers to it.
 */
@Component
class Originals {

    static final String PREFIX = "originals/";

    private final ObjectStorage storage;
    private final UploadRepository uploads;

    Originals(ObjectStorage storage, UploadRepository uploads) {
        this.storage = storage;
        this.uploads = uploads;
    }

    static String key(String sha256) {
        return PREFIX + sha256.substring(0, 2) + "/" + sha256;
    }

    /** Stores the file unless the same bytes are already there; returns the key. */
    String store(String sha256, long size, Path file) throws IOException {
        String key = key(sha256);
        if (!exists(key, size)) {
            storage.put(key, file, "application/octet-stream");
        }
        return key;
    }

    boolean exists(String key, long size) throws IOException {
        return storage.stat(key).map(StoredObject::size).filter(s -> s == size).isPresent();
    }

    void deleteIfUnreferenced(String key) throws IOException {
        if (key != null && !uploads.existsBySourceKey(key)) {
            storage.delete(key);
        }
    }
}
