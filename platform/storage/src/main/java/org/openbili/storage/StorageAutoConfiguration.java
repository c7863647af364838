package org.openbili.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The object store every service shares: an S3-compatible store when {@code S3_ENDPOINT} is set (bucket
 * {@code S3_BUCKET}, credentials {@code S3_ACCESS_KEY}/{@code S3_SECRET_KEY} or the SDK's default chain, region
 * {@code S3_REGION}, path-style addressing unless {@code S3_PATH_STYLE=false}), else a local directory
 * ({@code DATA_DIR/media}).
 */
@AutoConfiguration
public class StorageAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ObjectStorage objectStorage(
            @Value("${openbili.storage.local-root:${openbili.data-dir:${DATA_DIR:./data}}/media}") Path root)
            throws IOException {
        return new LocalObjectStorage(root);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${S3_ENDPOINT:}' != ''")
    static class S3 {

        private static final Logger log = LoggerFactory.getLogger(StorageAutoConfiguration.class);

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        S3Client s3Client(Environment env) {
            String accessKey = env.getProperty("S3_ACCESS_KEY", "");
            AwsCredentialsProvider credentials = accessKey.isBlank()
                    ? DefaultCredentialsProvider.builder().build()
                    : StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(accessKey, env.getProperty("S3_SECRET_KEY", "")));
            return S3Client.builder()
                    .endpointOverride(URI.create(env.getRequiredProperty("S3_ENDPOINT")))
                    .region(Region.of(env.getProperty("S3_REGION", "us-east-1")))
                    .credentialsProvider(credentials)
                    .forcePathStyle(env.getProperty("S3_PATH_STYLE", Boolean.class, true))
                    // checksums only where the API demands them: S3-compatible stores differ in what they accept
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
        }

        @Bean
        ObjectStorage s3ObjectStorage(S3Client s3, Environment env) {
            String bucket = env.getProperty("S3_BUCKET", "openbili");
            try {
                s3.headBucket(b -> b.bucket(bucket));
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                log.info("Creating bucket {} at {}", bucket, env.getProperty("S3_ENDPOINT"));
                s3.createBucket(b -> b.bucket(bucket));
            }
            return new S3ObjectStorage(s3, bucket);
        }
    }
}
