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
    /**
     * What tus-java-server's creation extension also announces but we refuse: every upload states its length
     * ({@code Upload-Length}) when it is created, as the size limit and instant upload need it.
     */
    static final String DEFERRED_LENGTH = "creation-defer-length";

    @Bean
    TusFileUploadService tusFileUploadService(UploadProperties properties) throws IOException {
        // tus-java-server creates these lazily; the janitor may look before the first upload
        Files.createDirectories(properties.dir().resolve("uploads"));
        Files.createDirectories(properties.dir().resolve("locks"));
        return new TusFileUploadService()
                .withUploadUri(UPLOADS_PATH)
                .withStoragePath(properties.dir().toString())
                .withMaxUploadSize(properties.maxSize().toBytes())
                .withUploadExpirationPeriod(properties.expiresAfter().toMillis())
                // not implemented around tus: an upload is one file, checked and finished as a whole
                .disableTusExtension("concatenation");
    }

    /** Where tus-java-server's disk storage keeps the bytes of an upload (its documented layout). */
    static Path dataFile(UploadProperties properties, String uploadId) {
        return properties.dir().resolve("uploads").resolve(uploadId).resolve("data");
    }
}
