package org.openbili.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class RosterTests {

    @Test
    void eachPartHasItsOwnVariableAndItsOwnPortInEachMode() {
        List<Roster.Part> parts = Roster.parts();
        assertThat(parts).extracting(Roster.Part::variable).doesNotHaveDuplicates();
        assertThat(parts).extracting(Roster.Part::port).doesNotHaveDuplicates();
        assertThat(parts).extracting(Roster.Part::standalonePort).doesNotHaveDuplicates();
        assertThat(Roster.names(Roster.Kind.REGISTRY, Roster.Kind.APPLICATION, Roster.Kind.GATEWAY))
                .as("the registry starts first, the gateway last")
                .startsWith("registry")
                .endsWith("gateway");
    }

    @Test
    void aPortIsTheVariableWhenSetElseTheDefaultOfTheMode() {
        Roster.Part video = Roster.part("video");
        assertThat(video.port(Map.of(), false)).isEqualTo(video.port());
        assertThat(video.port(Map.of(), true)).isEqualTo(video.standalonePort());
        assertThat(video.port(Map.of(video.variable(), "40123"), true)).isEqualTo(40123);
    }

    @Test
    void aServiceListensOnItsRosterPortUnlessItsVariableSaysOtherwise() {
        Roster.Part interaction = Roster.part("interaction");
        assertThat(portOf(new MockEnvironment().withProperty("spring.application.name", "interaction")))
                .isEqualTo(Integer.toString(interaction.port()));
        MockEnvironment standalone = new MockEnvironment().withProperty("spring.application.name", "interaction");
        standalone.setActiveProfiles("standalone");
        assertThat(portOf(standalone)).isEqualTo(Integer.toString(interaction.standalonePort()));
        assertThat(portOf(new MockEnvironment()
                        .withProperty("spring.application.name", "interaction")
                        .withProperty(interaction.variable(), "40124")))
                .isEqualTo("40124");
        assertThat(portOf(new MockEnvironment()
                        .withProperty("spring.application.name", "interaction")
                        .withProperty("server.port", "0")))
                .as("the application's own server.port wins")
                .isEqualTo("0");
    }

    private static String portOf(MockEnvironment environment) {
        new ServiceDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty("server.port");
    }
}
