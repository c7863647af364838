package org.openbili.interaction.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;
import org.openbili.common.problem.ApiException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Finds configured words in user text with one Aho–Corasick pass (linear in the text, whatever the size of the
 * list), ignoring case and full-width forms, then masks them or rejects the text.
 */
@Component
public class SensitiveWords {

    private final Trie trie;
    private final SensitiveWordProperties.Action action;

    SensitiveWords(SensitiveWordProperties properties, ResourceLoader resources) {
        List<String> words = new ArrayList<>(properties.words());
        words.addAll(read(resources.getResource(properties.location())));
        this.trie = Trie.builder()
                .ignoreCase()
                .addKeywords(words.stream()
                        .map(SensitiveWords::fold)
                        .filter(w -> !w.isBlank())
                        .distinct()
                        .toList())
                .build();
        this.action = properties.action();
    }

    /**
     * {@code text} as it may be stored: masked, or a 400 naming {@code field} when the filter rejects instead.
     */
    public String filter(String field, String text) {
        Collection<Emit> found = trie.parseText(fold(text));
        if (found.isEmpty()) {
            return text;
        }
        if (action == SensitiveWordProperties.Action.REJECT) {
            throw ApiException.badRequest("CONTENT_REJECTED", "内容包含不允许的词语，请修改后再发")
                    .withField(field, "包含不允许的词语");
        }
        char[] masked = text.toCharArray();
        for (Emit emit : found) {
            for (int i = emit.getStart(); i <= emit.getEnd(); i++) {
                masked[i] = '*';
            }
        }
        return new String(masked);
    }

    /**
     * Full-width letters and digits as their ASCII forms, char by char so positions stay where they were (the
     * trie itself ignores case).
     */
    static String fold(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c >= '\uFF01' && c <= '\uFF5E') {
                chars[i] = (char) (c - 0xFEE0);
            } else if (c == '\u3000') {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }

    private static List<String> read(Resource resource) {
        if (!resource.exists()) {
            throw new IllegalStateException("The sensitive-word list " + resource + " does not exist");
        }
        try {
            return resource.getContentAsString(StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
