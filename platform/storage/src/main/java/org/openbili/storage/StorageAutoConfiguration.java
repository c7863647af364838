package org.openbili.storage;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The object store every service shares: a local directory ({@code DATA_DIR/media}) unless an S3-compatible
 * store is configured ({@code S3_ENDPOINT}).
 */
@AutoConfiguration
public class StorageAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ObjectStorage objectStorage(@Value("${openbili.storage.local-root:${DATA_DIR:./data}/media}") Path root)
            throws IOException {
        return new LocalObjectStorage(root);
    }
}
