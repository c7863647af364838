package org.openbili.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretMaskerTests {

    static final String JWT =
            "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiI3Iiwicm9sZXMiOltdfQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ws://localhost:8086/api/v1/ws?access_token=@jwt  | ws://localhost:8086/api/v1/ws?access_token=***
            /api/v1/videos/BV1x/events?access_token=@jwt&x=1 | /api/v1/videos/BV1x/events?access_token=***&x=1
            grant_type=refresh_token&refresh_token=k3Y_s-9Q  | grant_type=refresh_token&refresh_token=***
            username=alice&password=s3cret!&nickname=A       | username=alice&password=***&nickname=A
            LoginRequest[username=alice, password=s3cret]    | LoginRequest[username=alice, password=***]
            client_secret="a secret" sent                    | client_secret=*** sent
            ?ticket=Zm9vYmFy and registrationTicket=Zm9v     | ?ticket=*** and registrationTicket=***
            {"username":"alice","password":"p\\"w"}          | {"username":"alice","password":"***"}
            {"refreshToken" : "k3Y_s-9Q","expiresIn":900}    | {"refreshToken" : "***","expiresIn":900}
            {"registrationTicket":"Zm9vYmFy"}                | {"registrationTicket":"***"}
            Authorization: Bearer @jwt                       | Authorization: Bearer ***
            Authorization: Basic aW50ZXJhY3Rpb246c2VjcmV0    | Authorization: Basic ***
            authorization=bearer k3Y_s-9Q                    | authorization=bearer ***
            token @jwt expired                               | token *** expired
            /media/_s/1767225600/q1w2E3r4T5y6U7i8/videos/123/master.m3u8 | /media/_s/1767225600/***/videos/123/master.m3u8
            serviceUrl='http://openbili-internal:f00d-b33f@localhost:18761/eureka/' | serviceUrl='http://openbili-internal:***@localhost:18761/eureka/'
            """)
    void secretsAreMaskedWhereverTheyAppear(String line, String masked) {
        assertThat(SecretMasker.mask(line.replace("@jwt", JWT))).isEqualTo(masked);
    }

    @Test
    void aLineWithoutSecretsIsLeftAsItIs() {
        String line = "GET /api/v1/videos/BV1xK4y1C7aQ -> 200 in 12 ms (code=VALIDATION_FAILED, tokens=3, "
                + "\"secret\":false, basic checks passed, BasicErrorController)";
        assertThat(SecretMasker.mask(line)).isSameAs(line);
    }

    @Test
    void asAJsonValueMaskerItAnswersNullForValuesWithoutSecrets() {
        SecretMasker masker = new SecretMasker();
        assertThat(masker.mask(null, "nothing to hide")).isNull();
        assertThat(masker.mask(null, 42)).isNull();
        assertThat(masker.mask(null, "Bearer " + JWT)).isEqualTo("Bearer ***");
    }
}
