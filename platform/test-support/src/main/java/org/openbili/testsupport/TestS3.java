package org.openbili.testsupport;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3 API server in the test JVM ({@code org.gaul:s3proxy} over memory), with signed requests like a real
 * store. Needs {@code org.gaul:s3proxy} on the test classpath. {@link #publish()} hands its address to the
 * services the way production does ({@code S3_ENDPOINT}, {@code S3_ACCESS_KEY}, ...).
 */
public final class TestS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final URI endpoint;

    private TestS3(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    public static TestS3 start() {
        int port = Ports.free();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true)
                .build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
        return new TestS3(proxy, endpoint);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Makes every Spring context started afterwards in this JVM store its objects here, in {@code bucket}. */
    public TestS3 publish(String bucket) {
        System.setProperty("S3_ENDPOINT", endpoint.toString());
        System.setProperty("S3_BUCKET", bucket);
        System.setProperty("S3_ACCESS_KEY", ACCESS_KEY);
        System.setProperty("S3_SECRET_KEY", SECRET_KEY);
        System.setProperty("S3_REGION", REGION);
        return this;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
