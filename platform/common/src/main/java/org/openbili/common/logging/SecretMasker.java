package org.openbili.common.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.logstash.logback.mask.ValueMasker;
import tools.jackson.core.TokenStreamContext;

/**
 * Takes credentials out of log lines, whatever logged them and at whatever level: access and refresh tokens,
 * passwords, client secrets, registration tickets, credentials in URLs and media URL signatures. The last line of defence behind code
 * that should not log them in the first place; {@link MaskingPatternLayout} applies it to text lines, and as a
 * {@link ValueMasker} it applies to every string of a JSON line (message, stack trace, MDC).
 */
public final class SecretMasker implements ValueMasker {

    static final String MASK = "***";

    /** How a secret's name ends, in any case: access_token, refreshToken, password, client_secret, ticket. */
    private static final String SECRET_NAME = "(?i:token|password|passwd|secret|ticket)";

    // Each rule starts matching at a character most text lacks and looks back for the name from there, and runs only
    // when its hint is in the text at all: every string of every JSON log line goes through them.
    private static final List<Rule> RULES = List.of(
            // "password":"…", "refreshToken" : "…" in a JSON body
            new Rule("\"", "(\"(?<=" + SECRET_NAME + "\")\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*\"", "$1" + MASK + "\""),
            // ?access_token=…, password=… in a URL, a form or a record's toString, quoted or not
            new Rule("=", "=(?<=" + SECRET_NAME + "=)(?:\"[^\"]*\"|[^&\\s\"',;)\\]}>]+)", "=" + MASK),
            // Authorization headers (not the word "basic" in a sentence)
            new Rule("earer", "\\b([Bb]earer)\\s+[\\w.~+/=-]+", "$1 " + MASK),
            new Rule("Basic", "\\b(Basic)\\s+[\\w.~+/=-]+", "$1 " + MASK),
            // a JWT (signed or encrypted) anywhere else: its header is base64url JSON, so it starts with eyJ
            new Rule("eyJ", "eyJ[\\w-]+(?:\\.[\\w-]*)+", MASK),
            // credentials in a URL: http://openbili-internal:<secret>@registry:8761/eureka/ (RegistryCredentials)
            new Rule("@", "(://[^/\\s:@]+:)[^/\\s@]+@", "$1" + MASK + "@"),
            // signed media paths: /media/_s/<expires>/<signature>/videos/…
            new Rule("/_s/", "(/_s/\\d+/)[\\w-]+", "$1" + MASK));

    /** The text with every secret it contains replaced by {@value #MASK}; the same instance when there is none. */
    public static String mask(String text) {
        String masked = text;
        for (Rule rule : RULES) {
            if (masked.contains(rule.hint())) {
                Matcher matcher = rule.pattern().matcher(masked);
                if (matcher.find()) {
                    masked = matcher.replaceAll(rule.replacement());
                }
            }
        }
        return masked;
    }

    /** Null (write the value as it is) unless the value held a secret. */
    @Override
    public Object mask(TokenStreamContext context, Object value) {
        if (value instanceof String text) {
            String masked = mask(text);
            return masked == text ? null : masked;
        }
        return null;
    }

    /** A pattern to replace, tried only when the text contains {@code hint}. */
    private record Rule(String hint, Pattern pattern, String replacement) {

        Rule(String hint, String regex, String replacement) {
            this(hint, Pattern.compile(regex), replacement);
        }
    }
}
