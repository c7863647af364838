package org.openbili.gateway;

import org.junit.jupiter.api.Test;
import org.openbili.testsupport.ServiceArchitecture;

class ArchitectureTests {

    @Test
    void theGatewayDependsOnNoServiceInternals() {
        ServiceArchitecture.verify("gateway");
    }
}
