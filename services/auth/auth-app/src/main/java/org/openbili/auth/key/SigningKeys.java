package org.openbili.auth.key;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The keys that sign access tokens, kept in the database so tokens survive restarts and every instance of
 * the auth service signs alike. Only the newest key carries its private half in the key set; the others are
 * published for verification until they are retired.
 */
@Component
public class SigningKeys {

    private static final Duration RELOAD = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Loaded loaded;

    SigningKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The current key set: the signing key with its private half, older keys public only. */
    public JWKSet jwkSet() {
        return current().set();
    }

    /** The id of the key that signs new tokens. */
    public String signingKeyId() {
        return current().signingKid();
    }

    /** Makes a new signing key; tokens signed by the previous one stay valid until it is retired. */
    public synchronized String rotate() {
        String kid = generate();
        loaded = null;
        return kid;
    }

    private Loaded current() {
        Loaded snapshot = loaded;
        if (snapshot == null || clock.millis() - snapshot.at() > RELOAD.toMillis()) {
            synchronized (this) {
                snapshot = loaded;
                if (snapshot == null || clock.millis() - snapshot.at() > RELOAD.toMillis()) {
                    snapshot = load();
                    loaded = snapshot;
                }
            }
        }
        return snapshot;
    }

    private Loaded load() {
        List<Row> rows = rows();
        if (rows.isEmpty()) {
            generate();
            rows = rows();
        }
        List<JWK> keys = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            RSAKey key = rows.get(i).toJwk(i == 0);
            keys.add(key);
        }
        return new Loaded(new JWKSet(keys), rows.get(0).kid(), clock.millis());
    }

    private List<Row> rows() {
        return jdbc.sql(
                        "SELECT kid, private_der, public_der FROM auth_signing_key WHERE retired_at IS NULL ORDER BY created_at DESC, kid")
                .query((rs, n) -> new Row(rs.getString("kid"), rs.getString("private_der"), rs.getString("public_der")))
                .list();
    }

    private String generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String kid = UUID.randomUUID().toString();
            jdbc.sql("INSERT INTO auth_signing_key (kid, private_der, public_der, created_at) VALUES (?, ?, ?, ?)")
                    .params(
                            kid,
                            Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                            Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                            clock.millis())
                    .update();
            return kid;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    private record Loaded(JWKSet set, String signingKid, long at) {}

    private record Row(String kid, String privateDer, String publicDer) {

        RSAKey toJwk(boolean withPrivate) {
            try {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                        new X509EncodedKeySpec(Base64.getDecoder().decode(publicDer)));
                RSAKey.Builder key = new RSAKey.Builder(publicKey)
                        .keyID(kid)
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256);
                if (withPrivate) {
                    key.privateKey((RSAPrivateKey) rsa.generatePrivate(
                            new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateDer))));
                }
                return key.build();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Stored signing key " + kid + " is unreadable", e);
            }
        }
    }
}
