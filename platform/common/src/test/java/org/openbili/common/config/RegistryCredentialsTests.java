package org.openbili.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistryCredentialsTests {

    @Test
    void everyRegistryUrlGetsTheServicesCredentials() {
        assertThat(RegistryCredentials.signedIn(
                        "http://registry-1:8761/eureka/, http://registry-2:8761/eureka/",
                        "openbili-internal",
                        "s3cret"))
                .isEqualTo("http://openbili-internal:s3cret@registry-1:8761/eureka/,"
                        + "http://openbili-internal:s3cret@registry-2:8761/eureka/");
    }

    @Test
    void aSecretWithReservedCharactersIsEncodedAndAUrlWithItsOwnCredentialsIsKept() {
        assertThat(RegistryCredentials.signedIn("https://registry/eureka/", "svc", "a@b:c/d"))
                .isEqualTo("https://svc:a%40b:c%2Fd@registry/eureka/");
        assertThat(RegistryCredentials.signedIn("http://ops:pw@registry:8761/eureka/", "svc", "x"))
                .isEqualTo("http://ops:pw@registry:8761/eureka/");
    }
}
