package org.openbili.recommend;

import org.junit.jupiter.api.Test;
import org.openbili.testsupport.ServiceArchitecture;

class ArchitectureTests {

    @Test
    void featuresStayApartAndOtherServicesAreReachedOnlyThroughTheirApi() {
        ServiceArchitecture.verify("recommend");
    }
}
