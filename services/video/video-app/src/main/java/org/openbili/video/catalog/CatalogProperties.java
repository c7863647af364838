package org.openbili.video.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The catalog ({@code openbili.video.*}).
 *
 * @param reviewMode {@code manual}: an admin approves each transcoded video; {@code auto}: it is published at once
 */
@ConfigurationProperties("openbili.video")
public record CatalogProperties(@DefaultValue("manual") ReviewMode reviewMode) {

    public enum ReviewMode {
        MANUAL,
        AUTO
    }
}
