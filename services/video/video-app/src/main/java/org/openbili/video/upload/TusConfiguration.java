package org.openbili.video.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import me.desair.tus.server.TusFileUploadService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tus server (tus-java-server): uploads in progress live on disk under {@code openbili.video.upload.dir}. */
@Configuration
class TusConfiguration {

    static final String UPLOADS_PATH = "/api/v1/uploads";

    @Bean
    TusFileUploadService tusFileUploadService(UploadProperties properties) throws IOException {
        // tus-java-server creates these lazily; the janitor may look before the first upload
        Files.createDirectories(properties.dir().resolve("uploads"));
        Files.createDirectories(properties.dir().resolve("locks"));
        return new TusFileUploadService()
                .withUploadUri(UPLOADS_PATH)
                .withStoragePath(properties.dir().toString())
                .withMaxUploadSize(properties.maxSize().toBytes())
                .withUploadExpirationPeriod(properties.expiresAfter().toMillis());
    }

    /** Where tus-java-server's disk storage keeps the bytes of an upload (its documented layout). */
    static Path dataFile(UploadProperties properties, String uploadId) {
        return properties.dir().resolve("uploads").resolve(uploadId).resolve("data");
    }
}
