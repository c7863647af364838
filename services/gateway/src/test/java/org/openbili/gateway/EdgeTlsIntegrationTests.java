package org.openbili.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openbili.testsupport.Infrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * HTTPS at the edge: with a certificate from the operator's own authority in {@code TLS_CERT}/{@code TLS_KEY}, a
 * client that trusts only that authority reaches the site over HTTP/2, is told to keep to HTTPS (HSTS), and plain
 * HTTP on {@code HTTP_PORT} is sent to the same path over HTTPS.
 */
@Infrastructure(database = false, kafka = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EdgeTlsIntegrationTests {

    static final StubService VIDEO = new StubService();
    static final Authority AUTHORITY = new Authority();
    static final int HTTP_PORT = freePort();

    static {
        // read before the application context exists (EdgeTlsEnvironment), so not a @DynamicPropertySource
        System.setProperty("TLS_CERT", AUTHORITY.certificate.toString());
        System.setProperty("TLS_KEY", AUTHORITY.key.toString());
        System.setProperty("HTTP_PORT", Integer.toString(HTTP_PORT));
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.video[0].uri", VIDEO::uri);
        registry.add("eureka.client.service-url.defaultZone", () -> VIDEO.uri() + "/eureka/");
    }

    @AfterAll
    static void stop() {
        VIDEO.stop();
        System.clearProperty("TLS_CERT");
        System.clearProperty("TLS_KEY");
        System.clearProperty("HTTP_PORT");
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void aClientTrustingOnlyTheSitesAuthorityGetsItOverHttp2WithHsts() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(AUTHORITY.trustingOnlyIt())
                .version(HttpClient.Version.HTTP_2)
                .build();
        HttpResponse<String> services = client.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/v1/system/services"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(services.statusCode()).isEqualTo(200);
        assertThat(services.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(services.body()).contains("\"video\"");
        assertThat(services.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age="));
    }

    @Test
    void aClientThatDoesNotKnowTheAuthorityRefusesTheCertificate() {
        HttpClient client = HttpClient.newHttpClient();
        assertThatThrownBy(() -> client.send(
                        HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/v1/system/services"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpIsRedirectedToTheSamePathOverHttps() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> answer = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + HTTP_PORT + "/video/BV1xx?t=30"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(308);
        assertThat(answer.headers().firstValue("Location")).hasValue("https://localhost:" + port + "/video/BV1xx?t=30");
    }

    @Test
    void theInternalManagementPortStaysPlainHttp() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("\"status\"");
    }

    @Test
    void aRedirectNeverCarriesAHostThatIsNotAHostName() throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", HTTP_PORT)) {
            socket.getOutputStream()
                    .write("GET / HTTP/1.1\r\nHost: evil.example/phish?\r\nConnection: close\r\n\r\n".getBytes());
            String answer = new String(socket.getInputStream().readAllBytes());
            assertThat(answer).startsWith("HTTP/1.1 400").doesNotContain("Location");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A certificate authority of the test's own and a certificate it signed for localhost, as PEM files. */
    static final class Authority {

        final Path certificate;
        final Path key;
        private final X509Certificate root;

        Authority() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(256);
                KeyPair rootKeys = generator.generateKeyPair();
                X500Name rootName = new X500Name("CN=OpenBili Test Authority");
                root = sign(
                        new JcaX509v3CertificateBuilder(
                                        rootName, BigInteger.ONE, from(), until(), rootName, rootKeys.getPublic())
                                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)),
                        rootKeys);
                KeyPair siteKeys = generator.generateKeyPair();
                X509Certificate site = sign(
                        new JcaX509v3CertificateBuilder(
                                        rootName,
                                        BigInteger.TWO,
                                        from(),
                                        until(),
                                        new X500Name("CN=localhost"),
                                        siteKeys.getPublic())
                                .addExtension(
                                        Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                                            new GeneralName(GeneralName.dNSName, "localhost"),
                                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                                        })),
                        rootKeys);
                Path dir = Files.createTempDirectory("edge-tls");
                certificate = Files.writeString(dir.resolve("site.crt"), pem(site) + pem(root));
                // PKCS#8, as certbot and most authorities hand a key out
                key = Files.writeString(
                        dir.resolve("site.key"), pem(new JcaPKCS8Generator(siteKeys.getPrivate(), null).generate()));
            } catch (Exception e) {
                throw new IllegalStateException("could not make the test's certificates", e);
            }
        }

        SSLContext trustingOnlyIt() throws Exception {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("root", root);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }

        private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
        }

        private static String pem(Object object) throws IOException {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(object);
            }
            return out.toString();
        }

        private static Date from() {
            return Date.from(Instant.now().minus(1, ChronoUnit.DAYS));
        }

        private static Date until() {
            return Date.from(Instant.now().plus(2, ChronoUnit.DAYS));
        }
    }
}
