package org.openbili.interaction.text;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sensitive-word filter ({@code openbili.interaction.sensitive-words.*}).
 *
 * @param action {@code mask}: the words are replaced by {@code *} and the text is kept; {@code reject}: a 400
 * @param location a word list, one word per line ({@code #} starts a comment); any Spring resource location
 * @param words more words, straight from configuration
 */
@ConfigurationProperties("openbili.interaction.sensitive-words")
public record SensitiveWordProperties(
        @DefaultValue("mask") Action action,
        @DefaultValue("classpath:sensitive-words.txt") String location,
        @DefaultValue List<String> words) {

    public enum Action {
        MASK,
        REJECT
    }
}
