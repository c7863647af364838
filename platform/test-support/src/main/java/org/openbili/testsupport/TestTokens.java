package org.openbili.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Access tokens for tests, signed like the auth service signs them (RS256 with a {@code kid}, a {@code jti}) and verifiable
 * through a real JWKS endpoint served by this class. Publishes {@code AUTH_JWKS_URI} and {@code AUTH_ISSUER}
 * so the services under test trust it.
 */
public final class TestTokens {

    public static final String ISSUER = "http://openbili.test";

    private static RSAKey key;
    private static RSAKey stranger;
    private static String jwksUri;

    private TestTokens() {}

    public static synchronized String jwksUri() {
        if (jwksUri == null) {
            try {
                key = new RSAKeyGenerator(2048).keyID("test-key").generate();
                stranger = new RSAKeyGenerator(2048).keyID("test-key").generate();
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
                server.createContext("/oauth2/token", exchange -> {
                    // client_credentials for the internal client, as the auth service grants it
                    byte[] token = ("{\"access_token\":\"" + forService()
                                    + "\",\"token_type\":\"Bearer\",\"expires_in\":600}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, token.length);
                    exchange.getResponseBody().write(token);
                    exchange.close();
                });
                server.createContext("/oauth2/jwks", exchange -> {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    exchange.getResponseBody().write(jwks);
                    exchange.close();
                });
                server.start();
                jwksUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks";
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty("AUTH_JWKS_URI", jwksUri);
            System.setProperty("AUTH_TOKEN_URI", jwksUri.replace("/oauth2/jwks", "/oauth2/token"));
            System.setProperty("AUTH_ISSUER", ISSUER);
        }
        return jwksUri;
    }

    /** A valid access token for {@code uid} with the given roles (USER when none are given). */
    public static String forUser(long uid, String... roles) {
        return sign(key, claims(uid, roles, Instant.now().plus(Duration.ofMinutes(15))));
    }

    /** A token of the internal client, as services send each other (scope {@code internal}, no user). */
    public static String forService() {
        jwksUri();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("openbili-internal")
                .issueTime(Date.from(Instant.now().minusSeconds(1)))
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))))
                .claim("scope", List.of("internal"))
                .jwtID(UUID.randomUUID().toString())
                .build();
        return sign(key, claims);
    }

    public static String expired(long uid) {
        return sign(key, claims(uid, new String[0], Instant.now().minus(Duration.ofMinutes(1))));
    }

    /** Signed with a key the auth service never had, under the same key id. */
    public static String signedByStranger(long uid) {
        return sign(stranger, claims(uid, new String[0], Instant.now().plus(Duration.ofMinutes(15))));
    }

    /** An unsigned token ({@code alg: none}). */
    public static String unsigned(long uid) {
        return new PlainJWT(claims(uid, new String[0], Instant.now().plus(Duration.ofMinutes(15)))).serialize();
    }

    /** A valid token with one byte of its payload changed. */
    public static String tampered(long uid) {
        String[] parts = forUser(uid).split("\\.");
        char[] payload = parts[1].toCharArray();
        payload[payload.length / 2] = payload[payload.length / 2] == 'A' ? 'B' : 'A';
        return parts[0] + "." + new String(payload) + "." + parts[2];
    }

    private static JWTClaimsSet claims(long uid, String[] roles, Instant expiresAt) {
        jwksUri();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(Long.toString(uid))
                .issueTime(Date.from(Instant.now().minusSeconds(1)))
                .expirationTime(Date.from(expiresAt))
                .claim("roles", roles.length == 0 ? List.of("USER") : List.of(roles))
                .jwtID(UUID.randomUUID().toString())
                .build();
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test-key").build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
