package org.openbili.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStorageTests {

    @TempDir
    Path root;

    @Test
    void storesReadsRangesAndDeletes() throws Exception {
        LocalObjectStorage storage = new LocalObjectStorage(root);
        storage.put("videos/1/720p/seg-1.ts", "0123456789".getBytes(StandardCharsets.US_ASCII), "video/mp2t");
        assertThat(storage.stat("videos/1/720p/seg-1.ts")).hasValueSatisfying(o -> {
            assertThat(o.size()).isEqualTo(10);
            assertThat(o.etag()).startsWith("\"");
        });
        try (var in = storage.open("videos/1/720p/seg-1.ts", 2, 3)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("234");
        }
        storage.deleteAll("videos/1");
        assertThat(storage.stat("videos/1/720p/seg-1.ts")).isEmpty();
    }

    @Test
    void noKeyLeavesTheRoot() throws Exception {
        LocalObjectStorage storage = new LocalObjectStorage(root.resolve("media"));
        Files.writeString(root.resolve("secret.txt"), "x");
        for (String key : new String[] {"../secret.txt", "/etc/passwd", "a/../../secret.txt", "a//b", "", "a/"}) {
            assertThatIllegalArgumentException().isThrownBy(() -> storage.stat(key));
        }
    }
}
