package org.openbili.user;

import org.junit.jupiter.api.Test;
import org.openbili.testsupport.ServiceArchitecture;

class ArchitectureTests {

    @Test
    void featuresStayApartAndOtherServicesAreReachedOnlyThroughTheirApi() {
        ServiceArchitecture.verify("user");
    }
}
