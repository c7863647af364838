package org.openbili.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in an S3-compatible bucket (AWS S3, Aliyun OSS, MinIO). Keys are the same as for the local store; a
 * prefix deletion removes the object of that name and everything under {@code prefix/}, as a folder would.
 */
public class S3ObjectStorage implements ObjectStorage {

    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final String bucket;

    public S3ObjectStorage(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        call(() -> s3.putObject(
                b -> b.bucket(bucket).key(StorageKeys.check(key)).contentType(typeOf(key, contentType)),
                RequestBody.fromFile(file)));
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        call(() -> s3.putObject(
                b -> b.bucket(bucket).key(StorageKeys.check(key)).contentType(typeOf(key, contentType)),
                RequestBody.fromBytes(bytes)));
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(StorageKeys.check(key)));
            String etag =
                    head.eTag() == null ? null : head.eTag().startsWith("\"") ? head.eTag() : "\"" + head.eTag() + "\"";
            return Optional.of(
                    new StoredObject(key, head.contentLength(), head.lastModified(), etag, head.contentType()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("S3 HEAD " + key + " failed", e);
        } catch (SdkException e) {
            throw new IOException("S3 HEAD " + key + " failed", e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        if (length <= 0) {
            return InputStream.nullInputStream();
        }
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        try {
            return s3.getObject(
                    b -> b.bucket(bucket).key(StorageKeys.check(key)).range(range));
        } catch (NoSuchKeyException e) {
            throw new java.io.FileNotFoundException(key);
        } catch (SdkException e) {
            throw new IOException("S3 GET " + key + " failed", e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        call(() -> s3.deleteObject(b -> b.bucket(bucket).key(StorageKeys.check(key))));
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        delete(prefix);
        String folder = StorageKeys.check(prefix) + "/";
        try {
            List<ObjectIdentifier> batch = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                            .bucket(bucket)
                            .prefix(folder)
                            .build())
                    .contents()) {
                batch.add(ObjectIdentifier.builder().key(object.key()).build());
                if (batch.size() == DELETE_BATCH) {
                    deleteBatch(batch);
                }
            }
            if (!batch.isEmpty()) {
                deleteBatch(batch);
            }
        } catch (SdkException e) {
            throw new IOException("S3 deletion under " + folder + " failed", e);
        }
    }

    private void deleteBatch(List<ObjectIdentifier> batch) {
        Delete delete = Delete.builder().objects(List.copyOf(batch)).quiet(true).build();
        s3.deleteObjects(b -> b.bucket(bucket).delete(delete));
        batch.clear();
    }

    /** The type a browser needs (playlists, segments, images), when the caller did not say. */
    static String typeOf(String key, String given) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        if (key.endsWith(".m3u8")) {
            return "application/vnd.apple.mpegurl";
        }
        if (key.endsWith(".ts")) {
            return "video/mp2t";
        }
        if (key.endsWith(".vtt")) {
            return "text/vtt";
        }
        String guessed = URLConnection.guessContentTypeFromName(key);
        return guessed != null ? guessed : "application/octet-stream";
    }

    private static void call(Runnable request) throws IOException {
        try {
            request.run();
        } catch (SdkException e) {
            throw new IOException("S3 request failed", e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
