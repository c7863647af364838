package org.openbili.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbili.testsupport.TestS3;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The S3 store against a real S3 API server (s3proxy), wired the way services get it: S3_ENDPOINT and friends. */
class S3ObjectStorageTests {

    private static TestS3 s3;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StorageAutoConfiguration.class))
            .withPropertyValues(
                    "S3_ENDPOINT=" + s3.endpoint(),
                    "S3_BUCKET=media-tests",
                    "S3_ACCESS_KEY=" + TestS3.ACCESS_KEY,
                    "S3_SECRET_KEY=" + TestS3.SECRET_KEY);

    @TempDir
    Path folder;

    @BeforeAll
    static void start() {
        s3 = TestS3.start();
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Test
    void withAnEndpointTheStoreIsTheBucketWhichIsCreatedWhenMissing() {
        context.run(app -> assertThat(app.getBean(ObjectStorage.class)).isInstanceOf(S3ObjectStorage.class));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(StorageAutoConfiguration.class))
                .withPropertyValues("openbili.storage.local-root=" + folder)
                .run(app -> assertThat(app.getBean(ObjectStorage.class)).isInstanceOf(LocalObjectStorage.class));
    }

    @Test
    void storesStatsReadsRangesAndDeletesByFolder() {
        context.run(app -> {
            ObjectStorage storage = app.getBean(ObjectStorage.class);
            byte[] segment = new byte[300_000];
            new Random(3).nextBytes(segment);
            Path file = Files.write(folder.resolve("seg.ts"), segment);
            storage.put("videos/7/1/720p/seg_00000.ts", file, null);
            storage.put("videos/7/1/master.m3u8", "#EXTM3U\n".getBytes(StandardCharsets.UTF_8), null);
            storage.put("videos/70/1/master.m3u8", "#EXTM3U\n".getBytes(StandardCharsets.UTF_8), null);

            StoredObject stat = storage.stat("videos/7/1/720p/seg_00000.ts").orElseThrow();
            assertThat(stat.size()).isEqualTo(300_000);
            assertThat(stat.etag()).startsWith("\"").endsWith("\"");
            assertThat(stat.lastModified()).isNotNull();
            assertThat(stat.contentType()).isEqualTo("video/mp2t");
            assertThat(storage.stat("videos/7/1/master.m3u8").orElseThrow().contentType())
                    .isEqualTo("application/vnd.apple.mpegurl");
            assertThat(storage.stat("videos/7/1/missing.ts")).isEmpty();

            try (var in = storage.open("videos/7/1/720p/seg_00000.ts", 1000, 500)) {
                assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(segment, 1000, 1500));
            }
            try (var in = storage.open("videos/7/1/720p/seg_00000.ts")) {
                assertThat(in.readAllBytes()).isEqualTo(segment);
            }
            assertThat(storage.localFile("videos/7/1/720p/seg_00000.ts")).isEmpty();

            storage.deleteAll("videos/7");
            assertThat(storage.stat("videos/7/1/720p/seg_00000.ts")).isEmpty();
            assertThat(storage.stat("videos/7/1/master.m3u8")).isEmpty();
            assertThat(storage.stat("videos/70/1/master.m3u8"))
                    .as("a sibling that shares the prefix")
                    .isPresent();
            storage.delete("videos/70/1/master.m3u8");
            assertThat(storage.stat("videos/70/1/master.m3u8")).isEmpty();
        });
    }

    @Test
    void keysThatCouldEscapeAreRefusedBeforeAnyRequest() {
        context.run(app -> {
            ObjectStorage storage = app.getBean(ObjectStorage.class);
            for (String key : new String[] {"../secret.txt", "/etc/passwd", "a/../../b", "a//b", ""}) {
                assertThatIllegalArgumentException().isThrownBy(() -> storage.stat(key));
            }
        });
    }
}
