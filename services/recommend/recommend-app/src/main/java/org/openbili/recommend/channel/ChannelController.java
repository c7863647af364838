package org.openbili.recommend.channel;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The channel list (频道) of the mini-program's second tab. */
@RestController
class ChannelController {

    private final JdbcClient jdbc;

    ChannelController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/v1/channels")
    List<ChannelResponse> channels() {
        return jdbc.sql("SELECT name, description, subscribers FROM channel ORDER BY position")
                .query(ChannelResponse.class)
                .list();
    }

    record ChannelResponse(String name, String description, long subscribers) {}
}
