package org.openbili.recommend.model;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a title for similarity: runs of Chinese, Japanese or Korean characters as overlapping bigrams (what a
 * search engine's CJK analyser does without a dictionary), other runs of letters and digits as lower-case words.
 */
final class TitleWords {

    private TitleWords() {}

    static Set<String> of(String title) {
        Set<String> words = new LinkedHashSet<>();
        StringBuilder latin = new StringBuilder();
        int previousCjk = -1;
        int[] points = title.codePoints().toArray();
        for (int point : points) {
            if (isCjk(point)) {
                flush(latin, words);
                if (previousCjk >= 0) {
                    words.add(new String(new int[] {previousCjk, point}, 0, 2));
                }
                previousCjk = point;
            } else {
                previousCjk = -1;
                if (Character.isLetterOrDigit(point)) {
                    latin.appendCodePoint(Character.toLowerCase(point));
                } else {
                    flush(latin, words);
                }
            }
        }
        flush(latin, words);
        return words;
    }

    private static void flush(StringBuilder latin, Set<String> words) {
        if (latin.length() >= 2) {
            words.add(latin.toString().toLowerCase(Locale.ROOT));
        }
        latin.setLength(0);
    }

    private static boolean isCjk(int point) {
        Character.UnicodeScript script = Character.UnicodeScript.of(point);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL;
    }
}
